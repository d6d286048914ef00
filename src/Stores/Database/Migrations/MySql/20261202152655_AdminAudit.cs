using System;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoginOrchestrator.Stores.Database.Migrations.MySql
{
    /// <inheritdoc />
    public partial class AdminAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "login_audit",
                type: "varchar(32)",
                maxLength: 32,
                nullable: false,
                collation: "utf8mb4_unicode_ci",
                oldClrType: typeof(string),
                oldType: "varchar(16)",
                oldMaxLength: 16)
                .Annotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.AddColumn<string>(
                name: "Actor",
                table: "login_audit",
                type: "varchar(64)",
                maxLength: 64,
                nullable: true,
                collation: "utf8mb4_bin")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "After",
                table: "login_audit",
                type: "longtext",
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "Before",
                table: "login_audit",
                type: "longtext",
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "login_audit",
                type: "varchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "login",
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "TargetType",
                table: "login_audit",
                type: "varchar(16)",
                maxLength: 16,
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateIndex(
                name: "IX_login_audit_Actor_At",
                table: "login_audit",
                columns: new[] { "Actor", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_login_audit_Kind_At",
                table: "login_audit",
                columns: new[] { "Kind", "At" });

            // The settings' own history becomes admin events; earlier account actions get their kind and actor.
            migrationBuilder.Sql("""
                INSERT INTO login_audit (FlowId, UserId, Kind, Outcome, Factors, Degraded, Reason, Actor, TargetType, `Before`, `After`, ClientIp, UserAgent, At)
                SELECT CONCAT(Namespace, '.', `Key`), NULL, 'admin', 'SettingChanged', '', 0, NULL, ChangedBy, 'setting',
                    CONCAT('{"value":', COALESCE(OldValue, 'null'), ',"enabled":', CASE WHEN OldEnabled = 1 THEN 'true' ELSE 'false' END, '}'),
                    CONCAT('{"value":', NewValue, ',"enabled":', CASE WHEN NewEnabled = 1 THEN 'true' ELSE 'false' END, '}'),
                    NULL, NULL, ChangedAt
                FROM setting_audit;
                UPDATE login_audit SET Kind = 'admin',
                    Actor = SUBSTRING_INDEX(SUBSTRING(Reason, 10), ' ', 1)
                WHERE Reason LIKE 'by_admin:%' AND Outcome IN ('Revoked', 'DeviceForgotten', 'ContactSet', 'ApiKeyCreated', 'ApiKeyRevoked');
                UPDATE login_audit SET Kind = 'account', Actor = UserId WHERE Kind = 'login' AND Outcome IN ('Revoked', 'DeviceForgotten', 'ContactChanged');
                UPDATE login_audit SET TargetType = CASE Outcome WHEN 'Revoked' THEN 'session' WHEN 'DeviceForgotten' THEN 'device' ELSE 'api_key' END
                WHERE Outcome IN ('Revoked', 'DeviceForgotten', 'ApiKeyCreated', 'ApiKeyRevoked');
                UPDATE login_audit SET UserId = NULL WHERE Outcome IN ('ApiKeyCreated', 'ApiKeyRevoked');
                """);

            migrationBuilder.DropTable(
                name: "setting_audit");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_login_audit_Actor_At",
                table: "login_audit");

            migrationBuilder.DropIndex(
                name: "IX_login_audit_Kind_At",
                table: "login_audit");

            migrationBuilder.DropColumn(
                name: "Actor",
                table: "login_audit");

            migrationBuilder.DropColumn(
                name: "After",
                table: "login_audit");

            migrationBuilder.DropColumn(
                name: "Before",
                table: "login_audit");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "login_audit");

            migrationBuilder.DropColumn(
                name: "TargetType",
                table: "login_audit");

            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "login_audit",
                type: "varchar(16)",
                maxLength: 16,
                nullable: false,
                collation: "utf8mb4_unicode_ci",
                oldClrType: typeof(string),
                oldType: "varchar(32)",
                oldMaxLength: 32)
                .Annotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateTable(
                name: "setting_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    ChangedAt = table.Column<DateTimeOffset>(type: "datetime(6)", nullable: false),
                    ChangedBy = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Key = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    Namespace = table.Column<string>(type: "varchar(32)", maxLength: 32, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    NewEnabled = table.Column<bool>(type: "tinyint(1)", nullable: false),
                    NewValue = table.Column<string>(type: "longtext", maxLength: 16384, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    OldEnabled = table.Column<bool>(type: "tinyint(1)", nullable: true),
                    OldValue = table.Column<string>(type: "longtext", maxLength: 16384, nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_setting_audit", x => x.Id);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateIndex(
                name: "IX_setting_audit_Namespace_Key_ChangedAt",
                table: "setting_audit",
                columns: new[] { "Namespace", "Key", "ChangedAt" });
        }
    }
}
