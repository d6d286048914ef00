using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace LoginOrchestrator.Stores.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Settings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "setting_audit",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Namespace = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OldValue = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: true),
                    OldEnabled = table.Column<bool>(type: "INTEGER", nullable: true),
                    NewValue = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    NewEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_setting_audit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "setting_meta",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Namespace = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ValueType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Choices = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    JsonSchema = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    MinValue = table.Column<long>(type: "INTEGER", nullable: true),
                    MaxValue = table.Column<long>(type: "INTEGER", nullable: true),
                    DefaultValue = table.Column<string>(type: "TEXT", maxLength: 8192, nullable: false),
                    Example = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_setting_meta", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "setting",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MetaId = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_setting", x => x.Id);
                    table.ForeignKey(
                        name: "FK_setting_setting_meta_MetaId",
                        column: x => x.MetaId,
                        principalTable: "setting_meta",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "setting_meta",
                columns: new[] { "Id", "Choices", "CreatedAt", "DefaultValue", "Description", "Enabled", "Example", "JsonSchema", "Key", "MaxValue", "MinValue", "Namespace", "Required", "UpdatedAt", "ValueType" },
                values: new object[,]
                {
                    { 1, "[\"none\",\"two_factor\"]", 1309306650624000000L, "\"none\"", "Which second factor the login asks for.", true, null, null, "type", null, null, "authentication", true, 1309306650624000000L, "enum" },
                    { 2, null, 1309306650624000000L, "true", "Admins without TOTP must enrol after login.", true, null, null, "admin_requires_otp", null, null, "authentication", true, 1309306650624000000L, "bool" },
                    { 3, null, 1309306650624000000L, "true", "While WeCom is down, local passwords still sign in (degraded).", true, null, null, "password_fallback_enabled", null, null, "authentication", true, 1309306650624000000L, "bool" },
                    { 4, "[\"email\",\"sms\",\"wecom\"]", 1309306650624000000L, "\"email\"", "Where captcha codes go.", true, null, null, "send_method", null, null, "two_factor", true, 1309306650624000000L, "enum" },
                    { 5, null, 1309306650624000000L, "300", "How long a captcha code lives.", true, null, null, "expire_seconds", 600L, 60L, "two_factor", true, 1309306650624000000L, "int" },
                    { 6, null, 1309306650624000000L, "6", "Digits of a captcha code.", true, null, null, "code_length", 8L, 6L, "two_factor", true, 1309306650624000000L, "int" },
                    { 7, null, 1309306650624000000L, "{\"categories\":[],\"departments\":[],\"profiles\":[]}", "Who two-factor applies to; all lists empty means everyone.", true, "{\"categories\":[],\"departments\":[\"2\"],\"profiles\":[\"zhangsan\"]}", "[{\"name\":\"categories\",\"kind\":\"string[]\",\"required\":true,\"template\":false,\"maxLength\":2000},{\"name\":\"departments\",\"kind\":\"string[]\",\"required\":true,\"template\":false,\"maxLength\":2000},{\"name\":\"profiles\",\"kind\":\"string[]\",\"required\":true,\"template\":false,\"maxLength\":2000}]", "scope", null, null, "two_factor", true, 1309306650624000000L, "json" },
                    { 8, null, 1309306650624000000L, "{\"title\":\"{{ app_name }} 登录验证码\",\"sender\":\"LoginOrchestrator\",\"content\":\"{{ user_name }},您好:您的验证码为 {{ code }},{{ expire_minutes }} 分钟内有效。如非本人操作,请忽略本邮件。\",\"title_en\":\"{{ app_name }} sign-in code\",\"content_en\":\"Hello {{ user_name }}, your verification code is {{ code }}. It is valid for {{ expire_minutes }} minutes. If you did not try to sign in, ignore this email.\"}", "The code mail: title and content templates (with English variants), sender name.", true, null, "[{\"name\":\"title\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":200},{\"name\":\"sender\",\"kind\":\"string\",\"required\":true,\"template\":false,\"maxLength\":100},{\"name\":\"content\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":2000},{\"name\":\"title_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":200},{\"name\":\"content_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":2000}]", "email_config", null, null, "two_factor", true, 1309306650624000000L, "json" },
                    { 9, null, 1309306650624000000L, "{\"sender\":\"LoginOrchestrator\",\"content\":\"【{{ app_name }}】您的验证码为 {{ code }},{{ expire_minutes }} 分钟内有效。如非本人操作请忽略。\",\"content_en\":\"[{{ app_name }}] Your code is {{ code }}, valid for {{ expire_minutes }} min. Ignore if not you.\"}", "The code SMS: content template (with an English variant), sender signature.", true, null, "[{\"name\":\"sender\",\"kind\":\"string\",\"required\":true,\"template\":false,\"maxLength\":100},{\"name\":\"content\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":500},{\"name\":\"content_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":500}]", "sms_config", null, null, "two_factor", true, 1309306650624000000L, "json" },
                    { 10, null, 1309306650624000000L, "{\"content\":\"您的{{ app_name }}验证码为 {{ code }},{{ expire_minutes }} 分钟内有效。\",\"content_en\":\"Your {{ app_name }} verification code is {{ code }}, valid for {{ expire_minutes }} minutes.\"}", "The code WeCom message: content template (with an English variant).", true, null, "[{\"name\":\"content\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":2000},{\"name\":\"content_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":2000}]", "wecom_config", null, null, "two_factor", true, 1309306650624000000L, "json" },
                    { 11, null, 1309306650624000000L, "600", "How long a login flow lives.", true, null, null, "lifetime_seconds", 3600L, 60L, "flow", true, 1309306650624000000L, "int" },
                    { 12, null, 1309306650624000000L, "5", "Wrong answers one flow allows before it locks.", true, null, null, "max_attempts", 20L, 1L, "flow", true, 1309306650624000000L, "int" },
                    { 13, null, 1309306650624000000L, "28800", "A session's absolute lifetime.", true, null, null, "absolute_lifetime_seconds", 604800L, 300L, "session", true, 1309306650624000000L, "int" },
                    { 14, null, 1309306650624000000L, "1800", "A session dies after this long unused.", true, null, null, "idle_timeout_seconds", 86400L, 60L, "session", true, 1309306650624000000L, "int" },
                    { 15, null, 1309306650624000000L, "5", "Wrong passwords per user before the account locks.", true, null, null, "max_failures", 100L, 1L, "lockout", true, 1309306650624000000L, "int" },
                    { 16, null, 1309306650624000000L, "60", "How much each further lock-out adds to the wait.", true, null, null, "wait_increment_seconds", 3600L, 1L, "lockout", true, 1309306650624000000L, "int" },
                    { 17, null, 1309306650624000000L, "900", "The longest lock-out.", true, null, null, "max_wait_seconds", 86400L, 1L, "lockout", true, 1309306650624000000L, "int" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_setting_MetaId",
                table: "setting",
                column: "MetaId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_setting_audit_Namespace_Key_ChangedAt",
                table: "setting_audit",
                columns: new[] { "Namespace", "Key", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_setting_meta_Namespace_Key",
                table: "setting_meta",
                columns: new[] { "Namespace", "Key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "setting");

            migrationBuilder.DropTable(
                name: "setting_audit");

            migrationBuilder.DropTable(
                name: "setting_meta");
        }
    }
}
