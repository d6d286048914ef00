using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoginOrchestrator.Stores.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RememberedDevices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "remembered_device",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NormalizedUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Epoch = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClientIp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remembered_device", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "setting_meta",
                columns: new[] { "Id", "Choices", "CreatedAt", "DefaultValue", "Description", "Enabled", "Example", "JsonSchema", "Key", "MaxValue", "MinValue", "Namespace", "Required", "UpdatedAt", "ValueType" },
                values: new object[] { 31, null, 1309306650624000000L, "30", "After a second factor, \"remember this device\" skips it on that device for this many days (0: not offered).", true, null, null, "remember_device_days", 365L, 0L, "authentication", true, 1309306650624000000L, "int" });

            migrationBuilder.CreateIndex(
                name: "IX_remembered_device_ExpiresAt",
                table: "remembered_device",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_remembered_device_NormalizedUserId",
                table: "remembered_device",
                column: "NormalizedUserId");

            migrationBuilder.CreateIndex(
                name: "IX_remembered_device_TokenHash",
                table: "remembered_device",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "remembered_device");

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 31);
        }
    }
}
