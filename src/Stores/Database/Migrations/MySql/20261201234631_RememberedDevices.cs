using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoginOrchestrator.Stores.Database.Migrations.MySql
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
                    Id = table.Column<string>(type: "varchar(16)", maxLength: 16, nullable: false, collation: "utf8mb4_bin")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    TokenHash = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    NormalizedUserId = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false, collation: "utf8mb4_bin")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Epoch = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetime(6)", nullable: false),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "datetime(6)", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetime(6)", nullable: false),
                    ClientIp = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    UserAgent = table.Column<string>(type: "varchar(256)", maxLength: 256, nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_remembered_device", x => x.Id);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.InsertData(
                table: "setting_meta",
                columns: new[] { "Id", "Choices", "CreatedAt", "DefaultValue", "Description", "Enabled", "Example", "JsonSchema", "Key", "MaxValue", "MinValue", "Namespace", "Required", "UpdatedAt", "ValueType" },
                values: new object[] { 31, null, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "30", "After a second factor, \"remember this device\" skips it on that device for this many days (0: not offered).", true, null, null, "remember_device_days", 365L, 0L, "authentication", true, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "int" });

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
