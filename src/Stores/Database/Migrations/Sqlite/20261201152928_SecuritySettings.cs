using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace LoginOrchestrator.Stores.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SecuritySettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RenderFailedAt",
                table: "setting",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RenderFailure",
                table: "setting",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.UpdateData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 7,
                column: "JsonSchema",
                value: "[{\"name\":\"categories\",\"kind\":\"string[]\",\"required\":true,\"template\":false,\"maxLength\":2000,\"carriesCode\":false},{\"name\":\"departments\",\"kind\":\"string[]\",\"required\":true,\"template\":false,\"maxLength\":2000,\"carriesCode\":false},{\"name\":\"profiles\",\"kind\":\"string[]\",\"required\":true,\"template\":false,\"maxLength\":2000,\"carriesCode\":false}]");

            migrationBuilder.UpdateData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 8,
                column: "JsonSchema",
                value: "[{\"name\":\"title\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":200,\"carriesCode\":false},{\"name\":\"sender\",\"kind\":\"string\",\"required\":true,\"template\":false,\"maxLength\":100,\"carriesCode\":false},{\"name\":\"content\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":2000,\"carriesCode\":true},{\"name\":\"title_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":200,\"carriesCode\":false},{\"name\":\"content_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":2000,\"carriesCode\":true}]");

            migrationBuilder.UpdateData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 9,
                column: "JsonSchema",
                value: "[{\"name\":\"sender\",\"kind\":\"string\",\"required\":true,\"template\":false,\"maxLength\":100,\"carriesCode\":false},{\"name\":\"content\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":500,\"carriesCode\":true},{\"name\":\"content_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":500,\"carriesCode\":true}]");

            migrationBuilder.UpdateData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 10,
                column: "JsonSchema",
                value: "[{\"name\":\"content\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":2000,\"carriesCode\":true},{\"name\":\"content_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":2000,\"carriesCode\":true}]");

            migrationBuilder.UpdateData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 19,
                columns: new[] { "MaxValue", "MinValue" },
                values: new object[] { 64L, 1L });

            migrationBuilder.InsertData(
                table: "setting_meta",
                columns: new[] { "Id", "Choices", "CreatedAt", "DefaultValue", "Description", "Enabled", "Example", "JsonSchema", "Key", "MaxValue", "MinValue", "Namespace", "Required", "UpdatedAt", "ValueType" },
                values: new object[,]
                {
                    { 21, null, 1309306650624000000L, "300", "How recent a login must be for a sensitive account change (a first TOTP, a first password) made without the current password.", true, null, null, "reauthentication_seconds", 3600L, 60L, "authentication", true, 1309306650624000000L, "int" },
                    { 22, null, 1309306650624000000L, "false", "One email address or mobile number may be bound to more than one active user.", true, null, null, "shared_contacts_allowed", null, null, "two_factor", true, 1309306650624000000L, "bool" }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 21);

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 22);

            migrationBuilder.DropColumn(
                name: "RenderFailedAt",
                table: "setting");

            migrationBuilder.DropColumn(
                name: "RenderFailure",
                table: "setting");

            migrationBuilder.UpdateData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 7,
                column: "JsonSchema",
                value: "[{\"name\":\"categories\",\"kind\":\"string[]\",\"required\":true,\"template\":false,\"maxLength\":2000},{\"name\":\"departments\",\"kind\":\"string[]\",\"required\":true,\"template\":false,\"maxLength\":2000},{\"name\":\"profiles\",\"kind\":\"string[]\",\"required\":true,\"template\":false,\"maxLength\":2000}]");

            migrationBuilder.UpdateData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 8,
                column: "JsonSchema",
                value: "[{\"name\":\"title\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":200},{\"name\":\"sender\",\"kind\":\"string\",\"required\":true,\"template\":false,\"maxLength\":100},{\"name\":\"content\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":2000},{\"name\":\"title_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":200},{\"name\":\"content_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":2000}]");

            migrationBuilder.UpdateData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 9,
                column: "JsonSchema",
                value: "[{\"name\":\"sender\",\"kind\":\"string\",\"required\":true,\"template\":false,\"maxLength\":100},{\"name\":\"content\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":500},{\"name\":\"content_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":500}]");

            migrationBuilder.UpdateData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 10,
                column: "JsonSchema",
                value: "[{\"name\":\"content\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":2000},{\"name\":\"content_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":2000}]");

            migrationBuilder.UpdateData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 19,
                columns: new[] { "MaxValue", "MinValue" },
                values: new object[] { null, null });
        }
    }
}
