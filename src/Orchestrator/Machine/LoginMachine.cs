using Stateless;
using Stateless.Graph;
using Stateless.Reflection;

namespace LoginOrchestrator.Orchestrator.Machine;

/// <summary>
/// The login state machine: the transition table of login-flow.md, one rule per line.
/// External triggers only accept an answer for checking; the step's verdict then fires the
/// internal trigger that moves the flow. State lives on the <see cref="LoginFlow"/>: one machine per request (a
/// Stateless machine is not thread-safe), built once and re-pointed at each request's flow (<see cref="LoginMachinePool"/>).
/// </summary>
public sealed class LoginMachine
{
    /// <summary>login-flow.md: at most 5 sends per flow.</summary>
    public const int MaxCaptchaSends = 5;

    private static readonly DynamicStateInfos NextStages = new()
    {
        { LoginState.OtpChallenge, "otp enrolled or passkey registered" },
        { LoginState.Captcha, "second factor required, target known" },
        { LoginState.TwoFactorBind, "second factor required, no target, not degraded" },
        { LoginState.Failed, "second factor required, no target, degraded" },
        { LoginState.Issued, "no second factor required" },
    };

    private readonly StateMachine<LoginState, LoginTrigger> _machine;
    private readonly StateMachine<LoginState, LoginTrigger>.TriggerWithParameters<StageDecision> _directoryConfirmed;
    private readonly StateMachine<LoginState, LoginTrigger>.TriggerWithParameters<StageDecision> _passwordVerified;
    private readonly StateMachine<LoginState, LoginTrigger>.TriggerWithParameters<BindTarget> _submitBindTarget;

    // What the rules below read: the flow and the request's conditions, set again for each request.
    private LoginFlow _flow;
    private LoginConditions _conditions;

    public LoginMachine(LoginFlow flow, LoginConditions conditions)
    {
        (_flow, _conditions) = (flow, conditions);
        _machine = new StateMachine<LoginState, LoginTrigger>(() => _flow.State, s => _flow.State = s);
        _directoryConfirmed = _machine.SetTriggerParameters<StageDecision>(LoginTrigger.DirectoryConfirmed);
        _passwordVerified = _machine.SetTriggerParameters<StageDecision>(LoginTrigger.PasswordVerified);
        _submitBindTarget = _machine.SetTriggerParameters<BindTarget>(LoginTrigger.SubmitBindTarget);

        Func<bool> weComConfigured = () => _conditions.WeComConfigured;
        Func<bool> fallbackEnabled = () => _conditions.PasswordFallbackEnabled;
        Func<bool> attemptsLeft = () => _flow.AttemptsRemaining > 0;
        Func<bool> resendAllowed = () =>
            _flow.Captcha is { } c && c.Sends < MaxCaptchaSends && _conditions.Now >= c.ResendAvailableAt;
        Func<object[], bool> passkeysAllowed = _ => _conditions.PasskeysAllowed;
        Func<object[], bool> passkeyRegistered = _ => _conditions.PasskeysAllowed && _flow.PasskeyIds.Count > 0;
        Func<object[], bool> totpEnrolled = _ => !_flow.PasskeyOnly;

        // Every non-terminal state: a timed-out flow expires; an exhausted attempt budget locks it.
        // WeComCheck takes AttemptsExhausted too: it answers for the Credentials form that sent the password.
        foreach (var live in Enum.GetValues<LoginState>().Where(s => !s.IsTerminal()))
        {
            _machine.Configure(live)
                .Permit(LoginTrigger.TimedOut, LoginState.Expired)
                .Permit(LoginTrigger.AttemptsExhausted, LoginState.Locked);
        }
        // Terminal states permit nothing; configured so the diagram shows every destination.
        foreach (var end in Enum.GetValues<LoginState>().Where(s => s.IsTerminal()))
            _machine.Configure(end);

        _machine.Configure(LoginState.Credentials)
            .PermitIf(LoginTrigger.SubmitPassword, LoginState.WeComCheck, weComConfigured, "WeCom configured")
            .PermitIf(LoginTrigger.SubmitPassword, LoginState.PasswordFallback, () => !_conditions.WeComConfigured, "WeCom not configured")
            .PermitIf(LoginTrigger.SubmitWeComCode, LoginState.WeComCheck, weComConfigured, "WeCom configured")
            // A passkey with user verification is both factors at once (passwordless).
            .InternalTransitionIf(LoginTrigger.SubmitPasskey, passkeysAllowed, Accept, "passkeys allowed, " + TakenForChecking)
            .Permit(LoginTrigger.PasskeyVerified, LoginState.Issued)
            .PermitReentryIf(LoginTrigger.PasskeyRejected, attemptsLeft, "attempts left");

        _machine.Configure(LoginState.WeComCheck)
            .PermitDynamic(_directoryConfirmed, d => d.Next, "OAuth code, or held password verifies", NextStages)
            .PermitIf(LoginTrigger.PasswordRejected, LoginState.Credentials, attemptsLeft, "attempts left")
            .PermitIf(LoginTrigger.DirectoryRejected, LoginState.Credentials, attemptsLeft, "unknown to WeCom or disabled, attempts left")
            .PermitIf(LoginTrigger.DirectoryUnavailable, LoginState.PasswordFallback, fallbackEnabled, "password fallback enabled")
            .PermitIf(LoginTrigger.DirectoryUnavailable, LoginState.Credentials, () => !_conditions.PasswordFallbackEnabled, "password fallback disabled");

        _machine.Configure(LoginState.PasswordFallback)
            .OnEntryFrom(LoginTrigger.DirectoryUnavailable, () => _flow.Degraded = true, "degraded")
            .InternalTransitionIf(LoginTrigger.SubmitPassword, Always, Accept, TakenForChecking)
            .PermitDynamic(_passwordVerified, d => d.Next, "verifies against the local hash", NextStages)
            .PermitReentryIf(LoginTrigger.PasswordRejected, attemptsLeft, "attempts left");

        _machine.Configure(LoginState.OtpChallenge)
            .InternalTransitionIf(LoginTrigger.SubmitOtp, totpEnrolled, Accept, "TOTP enrolled, " + TakenForChecking)
            .InternalTransitionIf(LoginTrigger.SubmitRecoveryCode, totpEnrolled, Accept, "TOTP enrolled, " + TakenForChecking)
            .InternalTransitionIf(LoginTrigger.SubmitPasskey, passkeyRegistered, Accept, "passkey registered, " + TakenForChecking)
            .Permit(LoginTrigger.OtpVerified, LoginState.Issued)
            .PermitReentryIf(LoginTrigger.OtpRejected, attemptsLeft, "attempts left")
            .Permit(LoginTrigger.PasskeyVerified, LoginState.Issued)
            .PermitReentryIf(LoginTrigger.PasskeyRejected, attemptsLeft, "attempts left");

        _machine.Configure(LoginState.TwoFactorBind)
            .PermitIf(_submitBindTarget, LoginState.Captcha, t => t.IsValid, "valid email / phone");

        _machine.Configure(LoginState.Captcha)
            .PermitReentryIf(LoginTrigger.ResendCaptcha, resendAllowed, "cooldown passed, sends left")
            .InternalTransitionIf(LoginTrigger.SubmitCaptcha, Always, Accept, TakenForChecking)
            .Permit(LoginTrigger.CaptchaVerified, LoginState.Issued)
            .PermitReentryIf(LoginTrigger.CaptchaRejected, attemptsLeft, "attempts left");
    }

    public LoginState State => _machine.State;

    /// <summary>Points the machine at another request's flow.</summary>
    internal void Reset(LoginFlow flow, LoginConditions conditions) => (_flow, _conditions) = (flow, conditions);

    /// <summary>Lets go of the flow while the machine waits in the pool: a machine used after it was returned fails loudly.</summary>
    internal void Release() => (_flow, _conditions) = (null!, null!);

    /// <summary>An answer taken for checking: the state stays until the step's verdict fires.</summary>
    private const string TakenForChecking = "taken for checking";

    private static bool Always(object[] _) => true;

    private static void Accept(StateMachine<LoginState, LoginTrigger>.Transition _) { }

    /// <summary>The external actions the current state offers now (guards evaluated).</summary>
    public IReadOnlyList<LoginTrigger> OfferedActions =>
        LoginTriggers.External.Where(t => Offers(t)).ToList();

    /// <summary>
    /// Takes an external action for checking, in one guard evaluation: fires it when it carries no argument (the step's
    /// verdict fires what moves the flow on); an action with an argument (a bind target) is only checked, its step fires it.
    /// </summary>
    public bool TryAccept(LoginTrigger action)
    {
        if (!action.IsExternal()) throw new ArgumentException($"{action} is an internal trigger.", nameof(action));
        if (!Offers(action)) return false;
        if (action != LoginTrigger.SubmitBindTarget) _machine.Fire(action);
        return true;
    }

    public bool CanFire(LoginTrigger trigger) => trigger switch
    {
        LoginTrigger.DirectoryConfirmed or LoginTrigger.PasswordVerified =>
            throw new ArgumentException($"{trigger} carries a stage decision: use CanConfirm/CanVerifyPassword."),
        LoginTrigger.SubmitBindTarget => throw new ArgumentException("SubmitBindTarget carries a target: use CanBind."),
        _ => _machine.CanFire(trigger),
    };

    public bool CanConfirmDirectory(StageDecision decision) => _machine.CanFire(_directoryConfirmed, decision);
    public bool CanVerifyPassword(StageDecision decision) => _machine.CanFire(_passwordVerified, decision);
    public bool CanBind(BindTarget target) => _machine.CanFire(_submitBindTarget, target);

    public void Fire(LoginTrigger trigger)
    {
        if (!CanFire(trigger)) throw new ActionNotAllowedException(State, trigger);
        _machine.Fire(trigger);
    }

    public void ConfirmDirectory(StageDecision decision)
    {
        if (!CanConfirmDirectory(decision)) throw new ActionNotAllowedException(State, LoginTrigger.DirectoryConfirmed);
        _machine.Fire(_directoryConfirmed, decision);
    }

    public void VerifyPassword(StageDecision decision)
    {
        if (!CanVerifyPassword(decision)) throw new ActionNotAllowedException(State, LoginTrigger.PasswordVerified);
        _machine.Fire(_passwordVerified, decision);
    }

    public void Bind(BindTarget target)
    {
        if (!CanBind(target)) throw new ActionNotAllowedException(State, LoginTrigger.SubmitBindTarget);
        _machine.Fire(_submitBindTarget, target);
    }

    /// <summary>The machine as a Mermaid state diagram: docs/flows/login.mermaid is this text.</summary>
    public static string Diagram()
    {
        var flow = new LoginFlow { Id = "diagram", CreatedAt = default, ExpiresAt = default, MaxAttempts = 1 };
        var machine = new LoginMachine(flow, new LoginConditions(true, true, default, PasskeysAllowed: true));
        return MermaidGraph.Format(machine._machine.GetInfo(), MermaidGraphDirection.TopToBottom);
    }

    /// <summary>An external action is offered when it is permitted for some acceptable argument.</summary>
    private bool Offers(LoginTrigger trigger) => trigger == LoginTrigger.SubmitBindTarget
        ? _machine.CanFire(_submitBindTarget, new BindTarget(BindTarget.Email, "someone@example.com"))
        : _machine.CanFire(trigger);
}

/// <summary>The trigger is not in the table for the flow's state: refused, the flow unchanged.</summary>
public sealed class ActionNotAllowedException(LoginState state, LoginTrigger trigger)
    : InvalidOperationException($"{trigger} is not allowed in {state}.")
{
    public LoginState State { get; } = state;
    public LoginTrigger Trigger { get; } = trigger;
}
