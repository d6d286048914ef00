namespace LoginOrchestrator.Orchestrator.Machine;

/// <summary>The states of a login, as listed in login-flow.md.</summary>
public enum LoginState
{
    Credentials,
    WeComCheck,
    PasswordFallback,
    OtpChallenge,
    TwoFactorBind,
    Captcha,
    Issued,
    Failed,
    Locked,
    Expired,
}

public static class LoginStates
{
    /// <summary>States a login ends in; no trigger leaves them.</summary>
    public static bool IsTerminal(this LoginState state) =>
        state is LoginState.Issued or LoginState.Failed or LoginState.Locked or LoginState.Expired;
}
