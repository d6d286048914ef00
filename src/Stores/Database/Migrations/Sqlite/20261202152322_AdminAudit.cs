using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LoginOrchestrator.Stores.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AdminAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Actor",
                table: "login_audit",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "After",
                table: "login_audit",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Before",
                table: "login_audit",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "login_audit",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "login");

            migrationBuilder.AddColumn<string>(
                name: "TargetType",
                table: "login_audit",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

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
                INSERT INTO login_audit (FlowId, UserId, Kind, Outcome, Factors, Degraded, Reason, Actor, TargetType, Before, After, ClientIp, UserAgent, At)
                SELECT Namespace || '.' || "Key", NULL, 'admin', 'SettingChanged', '', 0, NULL, ChangedBy, 'setting',
                    '{"value":' || COALESCE(OldValue, 'null') || ',"enabled":' || CASE WHEN OldEnabled = 1 THEN 'true' ELSE 'false' END || '}',
                    '{"value":' || NewValue || ',"enabled":' || CASE WHEN NewEnabled = 1 THEN 'true' ELSE 'false' END || '}',
                    NULL, NULL, ChangedAt
                FROM setting_audit;
                UPDATE login_audit SET Kind = 'admin',
                    Actor = substr(Reason, 10, CASE WHEN instr(substr(Reason, 10), ' ') > 0 THEN instr(substr(Reason, 10), ' ') - 1 ELSE 64 END)
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

            migrationBuilder.CreateTable(
                name: "setting_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Namespace = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NewEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    NewValue = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    OldEnabled = table.Column<bool>(type: "INTEGER", nullable: true),
                    OldValue = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_setting_audit", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_setting_audit_Namespace_Key_ChangedAt",
                table: "setting_audit",
                columns: new[] { "Namespace", "Key", "ChangedAt" });
        }
    }
}
