using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoginOrchestrator.Stores.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "setting_meta",
                columns: new[] { "Id", "Choices", "CreatedAt", "DefaultValue", "Description", "Enabled", "Example", "JsonSchema", "Key", "MaxValue", "MinValue", "Namespace", "Required", "UpdatedAt", "ValueType" },
                values: new object[] { 18, null, 1309306650624000000L, "180", "Login audit records older than this are removed by the clean-up job.", true, null, null, "retention_days", 3650L, 1L, "audit", true, 1309306650624000000L, "int" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 18);
        }
    }
}
