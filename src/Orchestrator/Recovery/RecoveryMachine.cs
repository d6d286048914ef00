using Stateless;
using Stateless.Graph;

namespace LoginOrchestrator.Orchestrator.Recovery;

/// <summary>
/// The password recovery machine, one rule per line. Like the login machine: an external trigger only takes an answer
/// for checking, the step's verdict fires the internal trigger that moves the flow, and the state lives on the
/// <see cref="RecoveryFlow"/> (a machine per request).
/// </summary>
public sealed class RecoveryMachine
{
    /// <summary>Codes one flow may send (as for captcha codes).</summary>
    public const int MaxCodeSends = 5;

    private readonly StateMachine<RecoveryState, RecoveryTrigger> _machine;

    public RecoveryMachine(RecoveryFlow flow, DateTimeOffset now)
    {
        _machine = new StateMachine<RecoveryState, RecoveryTrigger>(() => flow.State, s => flow.State = s);

        Func<bool> attemptsLeft = () => flow.AttemptsRemaining > 0;
        Func<bool> resendAllowed = () => flow.Code is { } c && c.Sends < MaxCodeSends && now >= c.ResendAvailableAt;

        foreach (var live in Enum.GetValues<RecoveryState>().Where(s => !s.IsTerminal()))
        {
            _machine.Configure(live)
                .Permit(RecoveryTrigger.TimedOut, RecoveryState.Expired)
                .Permit(RecoveryTrigger.AttemptsExhausted, RecoveryState.Locked);
        }
        foreach (var end in Enum.GetValues<RecoveryState>().Where(s => s.IsTerminal()))
            _machine.Configure(end);

        _machine.Configure(RecoveryState.Identify)
            .Permit(RecoveryTrigger.SubmitIdentifier, RecoveryState.Verify);

        _machine.Configure(RecoveryState.Verify)
            .PermitReentryIf(RecoveryTrigger.ResendCode, resendAllowed, "cooldown passed, sends left")
            .InternalTransitionIf(RecoveryTrigger.SubmitCode, Always, Accept, TakenForChecking)
            .PermitIf(RecoveryTrigger.CodeVerified, RecoveryState.SecondFactor, () => flow.SecondFactorRequired, "TOTP enabled")
            .PermitIf(RecoveryTrigger.CodeVerified, RecoveryState.SetPassword, () => !flow.SecondFactorRequired, "no TOTP")
            .PermitReentryIf(RecoveryTrigger.CodeRejected, attemptsLeft, "attempts left")
            .Permit(RecoveryTrigger.AccountUnavailable, RecoveryState.Failed);

        _machine.Configure(RecoveryState.SecondFactor)
            .InternalTransitionIf(RecoveryTrigger.SubmitOtp, Always, Accept, TakenForChecking)
            .InternalTransitionIf(RecoveryTrigger.SubmitRecoveryCode, Always, Accept, TakenForChecking)
            .Permit(RecoveryTrigger.SecondFactorVerified, RecoveryState.SetPassword)
            .PermitReentryIf(RecoveryTrigger.SecondFactorRejected, attemptsLeft, "attempts left")
            .Permit(RecoveryTrigger.AccountUnavailable, RecoveryState.Failed);

        _machine.Configure(RecoveryState.SetPassword)
            .InternalTransitionIf(RecoveryTrigger.SubmitNewPassword, Always, Accept, TakenForChecking)
            .Permit(RecoveryTrigger.PasswordSet, RecoveryState.Done)
            .Permit(RecoveryTrigger.AccountUnavailable, RecoveryState.Failed);
    }

    public RecoveryState State => _machine.State;

    private const string TakenForChecking = "taken for checking";

    private static bool Always(object[] _) => true;

    private static void Accept(StateMachine<RecoveryState, RecoveryTrigger>.Transition _) { }

    /// <summary>The external actions the current state offers now (guards evaluated).</summary>
    public IReadOnlyList<RecoveryTrigger> OfferedActions => [.. RecoveryTriggers.External.Where(_machine.CanFire)];

    /// <summary>Takes an external action in one guard evaluation; false when the state does not offer it now.</summary>
    public bool TryAccept(RecoveryTrigger action)
    {
        if (!action.IsExternal()) throw new ArgumentException($"{action} is an internal trigger.", nameof(action));
        if (!_machine.CanFire(action)) return false;
        _machine.Fire(action);
        return true;
    }

    public bool CanFire(RecoveryTrigger trigger) => _machine.CanFire(trigger);

    public void Fire(RecoveryTrigger trigger)
    {
        if (!_machine.CanFire(trigger)) throw new RecoveryActionNotAllowedException(State, trigger);
        _machine.Fire(trigger);
    }

    /// <summary>The machine as a Mermaid state diagram: docs/flows/recovery.mermaid is this text.</summary>
    public static string Diagram()
    {
        var flow = new RecoveryFlow { Id = "diagram", CreatedAt = default, ExpiresAt = default, MaxAttempts = 1 };
        return MermaidGraph.Format(new RecoveryMachine(flow, default)._machine.GetInfo(), MermaidGraphDirection.TopToBottom);
    }
}

/// <summary>The trigger is not in the table for the flow's state: refused, the flow unchanged.</summary>
public sealed class RecoveryActionNotAllowedException(RecoveryState state, RecoveryTrigger trigger)
    : InvalidOperationException($"{trigger} is not allowed in {state}.")
{
    public RecoveryState State { get; } = state;
    public RecoveryTrigger Trigger { get; } = trigger;
}
