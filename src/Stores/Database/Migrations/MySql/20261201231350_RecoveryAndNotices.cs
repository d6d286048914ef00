using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace LoginOrchestrator.Stores.Database.Migrations.MySql
{
    /// <inheritdoc />
    public partial class RecoveryAndNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "setting_meta",
                columns: new[] { "Id", "Choices", "CreatedAt", "DefaultValue", "Description", "Enabled", "Example", "JsonSchema", "Key", "MaxValue", "MinValue", "Namespace", "Required", "UpdatedAt", "ValueType" },
                values: new object[,]
                {
                    { 23, null, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "true", "A forgotten password can be recovered by a code to a proven contact (and TOTP, when enabled).", true, null, null, "enabled", null, null, "recovery", true, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "bool" },
                    { 24, null, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "900", "How long a recovery the user starts lives.", true, null, null, "lifetime_seconds", 3600L, 300L, "recovery", true, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "int" },
                    { 25, null, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "24", "How long a recovery an admin sends lives, its code as long.", true, null, null, "admin_link_hours", 168L, 1L, "recovery", true, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "int" },
                    { 26, null, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "{\"title\":\"{{ app_name }} 密码已更改\",\"content\":\"{{ user_name }},您好:您的账号 {{ user_id }} 的密码已于 {{ time }} 更改(IP {{ ip }}),此前的登录已全部退出。如非本人操作,请立即联系管理员。\",\"title_en\":\"Your {{ app_name }} password was changed\",\"content_en\":\"Hello {{ user_name }}, the password of your account {{ user_id }} was changed at {{ time }} (IP {{ ip }}) and every earlier sign-in was ended. If this was not you, contact your administrator at once.\"}", "The password changed notice mail: title and content templates (with English variants).", true, null, "[{\"name\":\"title\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":200,\"carriesCode\":false},{\"name\":\"content\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":2000,\"carriesCode\":false},{\"name\":\"title_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":200,\"carriesCode\":false},{\"name\":\"content_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":2000,\"carriesCode\":false}]", "password_changed", null, null, "notices", true, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "json" },
                    { 27, null, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "{\"title\":\"{{ app_name }} 账号已暂时锁定\",\"content\":\"{{ user_name }},您好:您的账号 {{ user_id }} 因多次验证失败,已于 {{ time }} 被暂时锁定(IP {{ ip }})。如非本人操作,请立即联系管理员。\",\"title_en\":\"Your {{ app_name }} account is locked for now\",\"content_en\":\"Hello {{ user_name }}, your account {{ user_id }} was locked for a while at {{ time }} after repeated wrong answers (IP {{ ip }}). If this was not you, contact your administrator at once.\"}", "The account locked notice mail: title and content templates (with English variants).", true, null, "[{\"name\":\"title\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":200,\"carriesCode\":false},{\"name\":\"content\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":2000,\"carriesCode\":false},{\"name\":\"title_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":200,\"carriesCode\":false},{\"name\":\"content_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":2000,\"carriesCode\":false}]", "account_locked", null, null, "notices", true, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "json" },
                    { 28, null, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "{\"title\":\"{{ app_name }} 新设备登录\",\"content\":\"{{ user_name }},您好:您的账号 {{ user_id }} 于 {{ time }} 在新设备上登录:{{ user_agent }}(IP {{ ip }})。如非本人操作,请立即联系管理员。\",\"title_en\":\"New sign-in to {{ app_name }}\",\"content_en\":\"Hello {{ user_name }}, your account {{ user_id }} signed in on a new device at {{ time }}: {{ user_agent }} (IP {{ ip }}). If this was not you, contact your administrator at once.\"}", "The new device notice mail: title and content templates (with English variants).", true, null, "[{\"name\":\"title\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":200,\"carriesCode\":false},{\"name\":\"content\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":2000,\"carriesCode\":false},{\"name\":\"title_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":200,\"carriesCode\":false},{\"name\":\"content_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":2000,\"carriesCode\":false}]", "new_device", null, null, "notices", true, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "json" },
                    { 29, null, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "{\"title\":\"{{ app_name }} 密码找回\",\"content\":\"{{ user_name }},您好:管理员为您的账号 {{ user_id }} 发起了密码找回。请打开 {{ link }},输入另行发送给您的验证码,然后设置新密码。如非本人操作,请立即联系管理员。\",\"title_en\":\"Recover your {{ app_name }} password\",\"content_en\":\"Hello {{ user_name }}, an administrator started a password recovery for your account {{ user_id }}. Open {{ link }}, enter the code we sent you separately, then choose a new password. If this was not you, contact your administrator at once.\"}", "The recovery started notice mail: title and content templates (with English variants).", true, null, "[{\"name\":\"title\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":200,\"carriesCode\":false},{\"name\":\"content\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":2000,\"carriesCode\":false},{\"name\":\"title_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":200,\"carriesCode\":false},{\"name\":\"content_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":2000,\"carriesCode\":false}]", "recovery_started", null, null, "notices", true, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "json" },
                    { 30, null, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "{\"title\":\"{{ app_name }} 联系方式已更改\",\"content\":\"{{ user_name }},您好:您的账号 {{ user_id }} 的联系方式已于 {{ time }} 更改为 {{ contact }}(IP {{ ip }})。如非本人操作,请立即联系管理员。\",\"title_en\":\"Your {{ app_name }} contact was changed\",\"content_en\":\"Hello {{ user_name }}, a contact of your account {{ user_id }} was changed to {{ contact }} at {{ time }} (IP {{ ip }}). If this was not you, contact your administrator at once.\"}", "The contact changed notice mail: title and content templates (with English variants).", true, null, "[{\"name\":\"title\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":200,\"carriesCode\":false},{\"name\":\"content\",\"kind\":\"string\",\"required\":true,\"template\":true,\"maxLength\":2000,\"carriesCode\":false},{\"name\":\"title_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":200,\"carriesCode\":false},{\"name\":\"content_en\",\"kind\":\"string\",\"required\":false,\"template\":true,\"maxLength\":2000,\"carriesCode\":false}]", "contact_changed", null, null, "notices", true, new DateTimeOffset(new DateTime(2026, 11, 23, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "json" }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 23);

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 24);

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 25);

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 26);

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 27);

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 28);

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 29);

            migrationBuilder.DeleteData(
                table: "setting_meta",
                keyColumn: "Id",
                keyValue: 30);
        }
    }
}
