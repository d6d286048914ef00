using System.Globalization;
using System.Text.RegularExpressions;

namespace LoginOrchestrator.Api.Problems;

/// <summary>
/// A refusal's messages in zh-CN, for a request that did not ask for English. As gettext does, the English message is
/// the key: a refusal is written once, in English, where it is decided; a message with values (a length, a list) is
/// matched by a pattern and keeps them. A message with no Chinese here goes out in English.
/// </summary>
public static class RefusalTexts
{
    private static readonly (Regex English, string Chinese)[] Patterns =
    [
        (Exact("'from' is after 'to'."), "起始时间晚于结束时间。"),
        (Exact("1 to 128 characters, no control characters."), "1 到 128 个字符，不能包含控制字符。"),
        (Exact("1-100 characters."), "1 到 100 个字符。"),
        (Exact("3-64 letters, digits, '.', '_' or '-', starting with a letter or digit."), "3 到 64 个字母、数字、'.'、'_' 或 '-'，以字母或数字开头。"),
        (Exact("A client with this id is registered."), "已有使用此 ID 的应用。"),
        (Exact("A code is required."), "请输入验证码。"),
        (Exact("A public client has no secret."), "公开客户端没有密钥。"),
        (Exact("A user with this id exists."), "已有使用此 ID 的用户。"),
        (Exact("A valid session token is required in the Authorization header."), "需要有效的登录会话。"),
        (Exact("A valid session token or API key is required in the Authorization header."), "需要有效的登录会话或 API 密钥。"),
        (Exact("At most 64 characters, no control characters (empty: none)."), "最多 64 个字符，不能包含控制字符（留空表示无）。"),
        (Exact("At most 20 department ids (positive integers)."), "最多 20 个部门 ID（正整数）。"),
        (Exact("Every entry must be a non-empty string of at most 64 characters."), "每一项都必须是不超过 64 个字符的非空文本。"),
        (Exact("Must be a JSON object."), "必须是 JSON 对象。"),
        (Exact("Must be a list of strings."), "必须是文本列表。"),
        (Exact("Must be a string."), "必须是文本。"),
        (Exact("Must be a whole number."), "必须是整数。"),
        (Exact("Must be true or false."), "必须是 true 或 false。"),
        (Exact("Must not be empty."), "不能为空。"),
        (Exact("No live API key of this id."), "没有此 ID 的有效 API 密钥。"),
        (Exact("No such client."), "没有此应用。"),
        (Exact("No such user."), "没有此用户。"),
        (Exact("Not a mobile number."), "不是有效的手机号。"),
        (Exact("Not an email address."), "不是有效的邮箱地址。"),
        (Exact("Required, at most 100 characters."), "必填，最多 100 个字符。"),
        (Exact("Required."), "必填。"),
        (Exact("The API key lacks the scope this needs."), "此 API 密钥没有所需的权限范围。"),
        (Exact("The client registration is not valid."), "应用注册信息无效。"),
        (Exact("The current password is incorrect."), "当前密码不正确。"),
        (Exact("The current password is required."), "请输入当前密码。"),
        (Exact("The password cannot be only spaces."), "密码不能只有空格。"),
        (Exact("The password cannot contain the user id."), "密码不能包含账号。"),
        (Exact("The password cannot contain control characters (tab, new line, …)."), "密码不能包含控制字符（制表符、换行等）。"),
        (Exact("The request could not be read."), "无法读取请求。"),
        (Exact("The session lacks the role this needs."), "当前账号没有执行此操作的角色。"),
        (Exact("The user has no proven email to send the recovery link to."), "该用户没有已验证的邮箱，无法发送找回链接。"),
        (Exact("The user is disabled."), "该用户已停用。"),
        (Exact("This contact is bound to another user."), "此联系方式已绑定到其他用户。"),
        (Exact("This email address is bound to another user."), "此邮箱已绑定到其他用户。"),
        (Exact("This is the last enabled admin; appoint another first."), "这是最后一个启用的管理员，请先任命另一位管理员。"),
        (Exact("This mobile number is bound to another user."), "此手机号已绑定到其他用户。"),
        (Exact("This password is too common; choose another."), "此密码过于常见，请换一个。"),
        (Exact("TOTP is already enabled."), "身份验证器已启用。"),
        (Exact("TOTP is not enabled."), "身份验证器未启用。"),
        (Exact("WeCom is not configured: there is no directory to sync."), "未配置企业微信：没有可同步的通讯录。"),
        (Exact("Unknown setting type."), "未知的设置类型。"),
        (Pattern(@"At most (\d+) characters\."), "最多 $1 个字符。"),
        (Pattern(@"At most (\d+) entries\."), "最多 $1 项。"),
        (Pattern(@"Between (\d+) and (\d+)\."), "须在 $1 到 $2 之间。"),
        (Pattern(@"Must be between (-?\d+) and (-?\d+)\."), "须在 $1 到 $2 之间。"),
        (Pattern(@"Must be a string of (\d+) to (\d+) characters\."), "须为 $1 到 $2 个字符的文本。"),
        (Pattern(@"From 1 to (\d+)\."), "须在 1 到 $1 之间。"),
        (Pattern(@"Must be one of: (.+)\."), "必须是以下之一：$1。"),
        (Pattern(@"Unknown field; allowed: (.+)\."), "未知字段；允许的字段：$1。"),
        (Pattern(@"No department (\d+) in the directory \(sync it first\)\."), "通讯录中没有部门 $1（请先同步通讯录）。"),
        (Pattern(@"No setting (\S+)\."), "没有设置 $1。"),
        (Pattern(@"The password needs at least (\d+) characters\."), "密码至少需要 $1 个字符。"),
        (Pattern(@"The password may have at most (\d+) characters\."), "密码最多 $1 个字符。"),
    ];

    /// <summary>The message in the request's language: as it is for English, else its Chinese where there is one.</summary>
    public static string Localize(string message)
    {
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en") return message;
        return Chinese(message) ?? message;
    }

    /// <summary>The Chinese of a message, or null where there is none.</summary>
    public static string? Chinese(string message)
    {
        foreach (var (english, chinese) in Patterns)
            if (english.Match(message) is { Success: true } match) return match.Result(chinese);
        return null;
    }

    private static Regex Exact(string message) => new($"^{Regex.Escape(message)}$", RegexOptions.CultureInvariant);

    private static Regex Pattern(string pattern) => new($"^{pattern}$", RegexOptions.CultureInvariant);
}
