using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Statecharts.Tests;

/// <summary>
/// The engine's one check of an action (<see cref="LoginMachine.TryAccept"/>) against the table: accepted exactly
/// where the table has the pair, and then the flow is where the table says (a bind waits for its step's target).
/// </summary>
public sealed class TryAcceptTests
{
    public static IEnumerable<object[]> StatesAndActions() =>
        from state in Enum.GetValues<LoginState>()
        from action in LoginTriggers.External
        select new object[] { state, action };

    private static IEnumerable<Scenario> Scenarios() =>
        from weCom in new[] { true, false }
        from fallback in new[] { true, false }
        from attemptsLeft in new[] { true, false }
        from resend in Enum.GetValues<ResendCase>()
        select new Scenario(weCom, fallback, attemptsLeft, resend, ValidBindTarget: true, LoginState.Issued);

    [Theory]
    [MemberData(nameof(StatesAndActions))]
    public void AcceptsWhatTheTableOffersAndNothingElse(LoginState from, LoginTrigger action)
    {
        foreach (var scenario in Scenarios())
        {
            var (flow, machine) = MachineHarness.Build(from, scenario);
            var expected = LoginFlowTable.Expected(from, action, scenario);

            var accepted = machine.TryAccept(action);

            accepted.Should().Be(expected is not null, $"{from} --{action}--> under {scenario}");
            var after = expected is { } destination && action != LoginTrigger.SubmitBindTarget ? destination : from;
            flow.State.Should().Be(after, $"{from} --{action}--> under {scenario}");
        }
    }

    [Fact]
    public void AnInternalTriggerIsNoAction()
    {
        var (_, machine) = MachineHarness.Build(LoginState.OtpChallenge, new Scenario(true, true, true, ResendCase.Allowed, true, LoginState.Issued));
        FluentActions.Invoking(() => machine.TryAccept(LoginTrigger.OtpVerified)).Should().Throw<ArgumentException>();
    }
}
