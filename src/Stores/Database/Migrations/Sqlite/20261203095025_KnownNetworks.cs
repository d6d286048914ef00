using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace LoginOrchestrator.Stores.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KnownNetworks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "setting_meta",
                columns: new[] { "Id", "Choices", "CreatedAt", "DefaultValue", "Description", "Enabled", "Example", "JsonSchema", "Key", "MaxValue", "MinValue", "Namespace", "Required", "UpdatedAt", "ValueType" },
                values: new object[,]
                {
                    { 36, null, 1309306650624000000L, "{\"networks\":[]}", "Networks (CIDR) whose addresses each get the known-network limits below instead of the defaults: an office's NAT address, a VPN's egress.", true, "{\"networks\":[\"203.0.113.7/32\",\"198.51.100.0/24\"]}", "[{\"name\":\"networks\",\"kind\":\"string[]\",\"required\":true,\"template\":false,\"maxLength\":2000,\"carriesCode\":false}]", "known_networks", null, null, "rate_limits", true, 1309306650624000000L, "json" },
                    { 37, null, 1309306650624000000L, "1500", "Login flows created and wrong answers per minute from one address in a known network.", true, null, null, "known_network_attempts_per_minute", 10000000L, 1L, "rate_limits", true, 1309306650624000000L, "int" },
                    { 38, null, 1309306650624000000L, "3000", "Wrong answers per hour from one address in a known network.", true, null, null, "known_network_failures_per_hour", 10000000L, 1L, "rate_limits", true, 1309306650624000000L, "int" },
                    { 39, null, 1309306650624000000L, "10000", "Codes sent per UTC day for requests from one address in a known network.", true, null, null, "known_network_codes_per_day", 1000000L, 1L, "rate_limits", true, 1309306650624000000L, "int" }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 36);

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 37);

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 38);

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 39);
        }
    }
}
