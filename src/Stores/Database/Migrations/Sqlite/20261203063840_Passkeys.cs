using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace LoginOrchestrator.Stores.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Passkeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "passkey",
                columns: table => new
                {
                    IdHash = table.Column<string>(type: "TEXT", maxLength: 43, nullable: false),
                    CredentialId = table.Column<byte[]>(type: "BLOB", maxLength: 1023, nullable: false),
                    NormalizedUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserHandle = table.Column<byte[]>(type: "BLOB", maxLength: 64, nullable: false),
                    PublicKey = table.Column<byte[]>(type: "BLOB", maxLength: 1024, nullable: false),
                    SignCount = table.Column<long>(type: "INTEGER", nullable: false),
                    Transports = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Aaguid = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BackedUp = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastUsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_passkey", x => x.IdHash);
                });

            migrationBuilder.InsertData(
                table: "setting_meta",
                columns: new[] { "Id", "Choices", "CreatedAt", "DefaultValue", "Description", "Enabled", "Example", "JsonSchema", "Key", "MaxValue", "MinValue", "Namespace", "Required", "UpdatedAt", "ValueType" },
                values: new object[,]
                {
                    { 34, null, 1309306650624000000L, "true", "Users may register passkeys and log in with them: as the second factor, or passwordless (a passkey with user verification is two factors).", true, null, null, "passkeys_allowed", null, null, "authentication", true, 1309306650624000000L, "bool" },
                    { 35, null, 1309306650624000000L, "false", "Admins without a passkey must register one after login before any admin work (while passkeys are allowed).", true, null, null, "admin_requires_passkey", null, null, "authentication", true, 1309306650624000000L, "bool" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_passkey_NormalizedUserId",
                table: "passkey",
                column: "NormalizedUserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "passkey");

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 34);

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 35);
        }
    }
}
