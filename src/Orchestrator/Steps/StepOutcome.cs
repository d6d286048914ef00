using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;

namespace LoginOrchestrator.Orchestrator.Steps;

/// <summary>What a step found; the engine's frame carries it out (counts, locks, picks the next stage, issues, saves).</summary>
public abstract record StepOutcome
{
    private StepOutcome() { }

    /// <summary>The flow as the step left it (a code sent, the directory down with fallback).</summary>
    public static StepOutcome Answered { get; } = new Answer();

    /// <summary>Refused without counting an attempt; the flow is saved as the step left it.</summary>
    public static StepOutcome Refuse(string code, string? field = null) => new Refused(code, field);

    /// <summary>A wrong answer: counted against the flow and the user, the flow locks on the last one allowed.</summary>
    public static StepOutcome Reject(LoginTrigger rejection, string code) => new Rejected(rejection, code);

    public sealed record Answer : StepOutcome;

    public sealed record Refused(string Code, string? Field) : StepOutcome;

    public sealed record Rejected(LoginTrigger Rejection, string Code) : StepOutcome;

    /// <summary>A daily cap on codes is reached: nothing of this request is saved.</summary>
    public sealed record SendLimited(TimeSpan RetryAfter) : StepOutcome;

    /// <param name="ViaDirectory">WeCom vouched for the user (DirectoryConfirmed), else the local hash did (PasswordVerified).</param>
    public sealed record FirstFactorPassed(LoginUser User, LoginFactor Factor, bool ViaDirectory) : StepOutcome;

    /// <summary>One answer proved both factors (a passkey with user verification): the user is known only now.</summary>
    /// <param name="Verified">The trigger that issues the flow.</param>
    public sealed record BothFactorsPassed(LoginUser User, LoginFactor Factor, LoginTrigger Verified) : StepOutcome;

    /// <param name="Verified">The trigger that issues the flow.</param>
    /// <param name="Rejection">The trigger should the user have been disabled meanwhile.</param>
    /// <param name="RememberDevice">The user asked that this device skip the second factor from now on.</param>
    /// <param name="User">The user as the step just read them, when it did (the frame then need not read them again).</param>
    public sealed record SecondFactorPassed(LoginFactor Factor, LoginTrigger Verified, LoginTrigger Rejection, bool RememberDevice = false, LoginUser? User = null) : StepOutcome;
}
