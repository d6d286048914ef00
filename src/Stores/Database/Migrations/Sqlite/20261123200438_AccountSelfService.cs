using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace LoginOrchestrator.Stores.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountSelfService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PendingTotpCreatedAt",
                table: "user_account",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PendingTotpSecret",
                table: "user_account",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "user_account",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "offline");

            migrationBuilder.InsertData(
                table: "setting_meta",
                columns: new[] { "Id", "Choices", "CreatedAt", "DefaultValue", "Description", "Enabled", "Example", "JsonSchema", "Key", "MaxValue", "MinValue", "Namespace", "Required", "UpdatedAt", "ValueType" },
                values: new object[,]
                {
                    { 19, null, 1309306650624000000L, "\"LoginOrchestrator\"", "The issuer an authenticator app shows beside the account (the otpauth:// URI's issuer).", true, null, null, "otp_issuer", null, null, "two_factor", true, 1309306650624000000L, "string" },
                    { 20, "[\"user_id\",\"email\"]", 1309306650624000000L, "\"user_id\"", "What names the account in an authenticator app.", true, null, null, "otp_account", null, null, "two_factor", true, 1309306650624000000L, "enum" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_user_account_Status",
                table: "user_account",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_user_account_Status",
                table: "user_account");

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 19);

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 20);

            migrationBuilder.DropColumn(
                name: "PendingTotpCreatedAt",
                table: "user_account");

            migrationBuilder.DropColumn(
                name: "PendingTotpSecret",
                table: "user_account");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "user_account");
        }
    }
}
