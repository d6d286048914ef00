using LoginOrchestrator.Orchestrator.Policy;

namespace LoginOrchestrator.Orchestrator.Recovery;

/// <summary>What a recovery step found; the engine carries it out (counts, locks, moves, saves, sends, ends).</summary>
public abstract record RecoveryOutcome
{
    private RecoveryOutcome() { }

    /// <summary>A code is to go out for this flow: queued once the flow is saved, so its job reads the flow as answered.</summary>
    public static RecoveryOutcome CodeRequested { get; } = new CodeQueued();

    public static RecoveryOutcome Refuse(string code, string? field = null, string? detail = null) => new Refused(code, field, detail);

    /// <summary>A wrong answer, counted against the flow (and against the user's second-factor lock-out when <paramref name="countsAgainstUser"/>).</summary>
    public static RecoveryOutcome Reject(RecoveryTrigger rejection, string code, bool countsAgainstUser = false) =>
        new Rejected(rejection, code, countsAgainstUser);

    public sealed record CodeQueued : RecoveryOutcome;

    /// <summary>Refused without counting; <paramref name="Detail"/> says what is wrong with the field (a password rule).</summary>
    public sealed record Refused(string Code, string? Field, string? Detail) : RecoveryOutcome;

    public sealed record Rejected(RecoveryTrigger Rejection, string Code, bool CountsAgainstUser) : RecoveryOutcome;

    /// <summary>The code sent to the account's contact came back: the account is known from now on.</summary>
    public sealed record CodeProven(LoginUser User) : RecoveryOutcome;

    public sealed record SecondFactorProven : RecoveryOutcome;

    /// <summary>The new password is written (with a raised session epoch).</summary>
    public sealed record PasswordWritten : RecoveryOutcome;

    /// <summary>The account was disabled or removed meanwhile.</summary>
    public sealed record AccountGone : RecoveryOutcome;
}
