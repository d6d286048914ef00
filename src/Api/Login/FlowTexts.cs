using System.Globalization;
using LoginOrchestrator.Orchestrator.Engine;

namespace LoginOrchestrator.Api.Login;

/// <summary>What users read for each code, in zh-CN (the default) and en; picked by Accept-Language.</summary>
public static class FlowTexts
{
    private static readonly Dictionary<string, (string Zh, string En)> Texts = new()
    {
        [FlowCodes.InvalidRequest] = ("请求格式不正确。", "The request is malformed."),
        [FlowCodes.InvalidCredentials] = ("用户名或密码错误。", "The user id or password is incorrect."),
        [FlowCodes.CodeInvalid] = ("验证码错误。", "The code is incorrect."),
        [FlowCodes.FlowNotFound] = ("登录流程不存在,请重新开始。", "No such login; start again."),
        [FlowCodes.ActionNotAllowed] = ("当前步骤不允许此操作。", "This action is not offered at this step."),
        [FlowCodes.FlowBusy] = ("该登录流程正在处理另一个请求,请稍后重试。", "This login is busy with another request; try again."),
        [FlowCodes.FlowExpired] = ("登录已超时,请重新开始。", "The login timed out; start again."),
        [FlowCodes.CodeExpired] = ("验证码已失效,请重新获取。", "The code is no longer valid; request a new one."),
        [FlowCodes.Locked] = ("尝试次数过多,已锁定。", "Too many wrong attempts; locked."),
        [FlowCodes.RateLimited] = ("请求过于频繁,请稍后再试。", "Too many requests; try again later."),
        [FlowCodes.DependencyUnavailable] = ("服务暂时不可用,请稍后再试。", "The service is temporarily unavailable; try again shortly."),
        [FlowCodes.WeComUnavailable] = ("企业微信暂时不可用:仅设置了本地密码的账号可以登录。", "WeCom is unavailable: only accounts with a local password can sign in now."),
        [FlowCodes.SecondFactorUnavailable] = ("无法完成第二步验证,请联系管理员。", "No second factor can be reached; contact an administrator."),
        [FlowCodes.CodeSent] = ("验证码已发送。", "A code has been sent."),
        [FlowCodes.RecoveryDisabled] = ("密码找回已关闭,请联系管理员。", "Password recovery is turned off; contact an administrator."),
        [FlowCodes.RecoveryCodeSent] = ("如果该账号存在且有已验证的联系方式,验证码已发送到该联系方式。",
            "If the account exists and has a verified contact, a code has been sent to it."),
        [FlowCodes.PasswordChanged] = ("密码已更改,此前的登录已全部退出。请用新密码登录。",
            "Your password was changed and every earlier sign-in ended. Sign in with the new password."),
        [FlowCodes.AccountUnavailable] = ("该账号已停用,无法找回密码,请联系管理员。", "This account is disabled and cannot be recovered; contact an administrator."),
        [FlowCodes.TargetUnavailable] = ("该联系方式无法绑定,请换一个。", "This contact cannot be bound; use another."),
    };

    public static string For(string code)
    {
        if (!Texts.TryGetValue(code, out var text)) return code;
        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? text.En : text.Zh;
    }

    public static string Severity(string code) => code switch
    {
        FlowCodes.CodeSent or FlowCodes.RecoveryCodeSent or FlowCodes.PasswordChanged => "info",
        FlowCodes.WeComUnavailable => "warning",
        _ => "error",
    };
}
