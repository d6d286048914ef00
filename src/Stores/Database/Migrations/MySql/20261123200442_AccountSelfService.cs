using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace LoginOrchestrator.Stores.Database.Migrations.MySql
{
    /// <inheritdoc />
    public partial class AccountSelfService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PendingTotpCreatedAt",
                table: "user_account",
                type: "datetime(6)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PendingTotpSecret",
                table: "user_account",
                type: "varchar(1024)",
                maxLength: 1024,
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "user_account",
                type: "varchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "offline",
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.InsertData(
                table: "setting_meta",
                columns: new[] { "Id", "Choices", "CreatedAt", "DefaultValue", "Description", "Enabled", "Example", "JsonSchema", "Key", "MaxValue", "MinValue", "Namespace", "Required", "UpdatedAt", "ValueType" },
                values: new object[,]
                {
                    { 19, null, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "\"LoginOrchestrator\"", "The issuer an authenticator app shows beside the account (the otpauth:// URI's issuer).", true, null, null, "otp_issuer", null, null, "two_factor", true, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "string" },
                    { 20, "[\"user_id\",\"email\"]", new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "\"user_id\"", "What names the account in an authenticator app.", true, null, null, "otp_account", null, null, "two_factor", true, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "enum" }
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
