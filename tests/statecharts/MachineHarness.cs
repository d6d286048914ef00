using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Statecharts.Tests;

/// <summary>Builds a flow and its machine in a given state under a scenario, and fires any trigger at it.</summary>
public static class MachineHarness
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public static (LoginFlow Flow, LoginMachine Machine) Build(LoginState state, Scenario s)
    {
        var flow = NewFlow(state, s);
        return (flow, new LoginMachine(flow, Conditions(s)));
    }

    public static LoginConditions Conditions(Scenario s) => new(s.WeComConfigured, s.FallbackEnabled, Now, s.PasskeysAllowed);

    public static LoginFlow NewFlow(LoginState state, Scenario s) =>
        new LoginFlow
        {
            Id = "flow",
            State = state,
            CreatedAt = Now,
            ExpiresAt = Now.AddMinutes(10),
            MaxAttempts = 5,
            FailedAttempts = s.AttemptsLeft ? 2 : 5,
            Captcha = state == LoginState.Captcha ? Ticket(s.Resend) : null,
            PasskeyIds = s.PasskeyRegistered ? ["credential-id"] : [],
            PasskeyOnly = !s.TotpEnrolled,
        };

    /// <summary>Fires the trigger if the machine permits it; returns whether it did.</summary>
    public static bool TryFire(LoginMachine machine, LoginTrigger trigger, Scenario s)
    {
        var decision = new StageDecision(s.NextStage, null, false);
        var target = s.ValidBindTarget ? new BindTarget("email", "li.si@corp.example") : new BindTarget("email", "not-an-address");
        switch (trigger)
        {
            case LoginTrigger.DirectoryConfirmed:
                if (!machine.CanConfirmDirectory(decision)) return false;
                machine.ConfirmDirectory(decision);
                return true;
            case LoginTrigger.PasswordVerified:
                if (!machine.CanVerifyPassword(decision)) return false;
                machine.VerifyPassword(decision);
                return true;
            case LoginTrigger.SubmitBindTarget:
                if (!machine.CanBind(target)) return false;
                machine.Bind(target);
                return true;
            default:
                if (!machine.CanFire(trigger)) return false;
                machine.Fire(trigger);
                return true;
        }
    }

    private static CaptchaTicket Ticket(ResendCase resend) => new()
    {
        Channel = "email",
        MaskedTarget = "l***@corp.example",
        ExpiresAt = Now.AddMinutes(5),
        ResendAvailableAt = resend == ResendCase.InCooldown ? Now.AddSeconds(30) : Now.AddSeconds(-1),
        Sends = resend == ResendCase.SendsUsedUp ? LoginMachine.MaxCaptchaSends : 1,
        DeliveryId = "delivery",
    };
}
