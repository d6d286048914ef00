using LoginOrchestrator.Orchestrator.Recovery;

namespace LoginOrchestrator.Statecharts.Tests;

/// <summary>Every (state, trigger) pair of the recovery under every combination of guard facts.</summary>
public sealed class RecoveryTransitionTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static IEnumerable<object[]> StatesAndTriggers() =>
        from state in Enum.GetValues<RecoveryState>()
        from trigger in Enum.GetValues<RecoveryTrigger>()
        select new object[] { state, trigger };

    private static IEnumerable<RecoveryScenario> Scenarios() =>
        from attemptsLeft in new[] { true, false }
        from resend in Enum.GetValues<ResendCase>()
        from totp in new[] { true, false }
        select new RecoveryScenario(attemptsLeft, resend, totp);

    [Theory]
    [MemberData(nameof(StatesAndTriggers))]
    public void EveryPairFollowsTheTableOrIsRefused(RecoveryState from, RecoveryTrigger trigger)
    {
        foreach (var scenario in Scenarios())
        {
            var (flow, machine) = Build(from, scenario);
            var expected = RecoveryFlowTable.Expected(from, trigger, scenario);

            var fired = trigger.IsExternal() ? machine.TryAccept(trigger) : TryFire(machine, trigger);

            if (expected is { } destination)
            {
                fired.Should().BeTrue($"{from} --{trigger}--> {destination} is in the table ({scenario})");
                flow.State.Should().Be(destination, $"{from} --{trigger}--> under {scenario}");
            }
            else
            {
                fired.Should().BeFalse($"{from} --{trigger}--> is not in the table ({scenario})");
                flow.State.Should().Be(from, "a refused trigger leaves the flow unchanged");
            }
        }
    }

    [Fact]
    public void OfferedActionsAreTheExternalTriggersTheTableAllows()
    {
        foreach (var state in Enum.GetValues<RecoveryState>())
            foreach (var scenario in Scenarios())
            {
                var expected = RecoveryTriggers.External.Where(t => RecoveryFlowTable.Expected(state, t, scenario) is not null);
                Build(state, scenario).Machine.OfferedActions.Should().Equal(expected, $"{state} under {scenario}");
            }
    }

    [Fact]
    public void RefusedTriggerThrowsAndLeavesFlowUnchanged()
    {
        var (flow, machine) = Build(RecoveryState.Identify, new RecoveryScenario(true, ResendCase.Allowed, false));

        var act = () => machine.Fire(RecoveryTrigger.PasswordSet);

        act.Should().Throw<RecoveryActionNotAllowedException>().Which.State.Should().Be(RecoveryState.Identify);
        flow.State.Should().Be(RecoveryState.Identify);
    }

    [Fact]
    public void AnInternalTriggerCannotBeTakenAsAnAction() =>
        FluentActions.Invoking(() => Build(RecoveryState.Verify, new(true, ResendCase.Allowed, false)).Machine.TryAccept(RecoveryTrigger.CodeVerified))
            .Should().Throw<ArgumentException>();

    private static (RecoveryFlow Flow, RecoveryMachine Machine) Build(RecoveryState state, RecoveryScenario scenario)
    {
        var flow = new RecoveryFlow
        {
            Id = "f",
            State = state,
            CreatedAt = Now,
            ExpiresAt = Now.AddMinutes(15),
            MaxAttempts = 5,
            FailedAttempts = scenario.AttemptsLeft ? 0 : 5,
            SecondFactorRequired = scenario.TotpEnabled,
            Code = new RecoveryCodeTicket
            {
                ExpiresAt = Now.AddMinutes(5),
                ResendAvailableAt = scenario.Resend == ResendCase.InCooldown ? Now.AddSeconds(30) : Now.AddSeconds(-1),
                Sends = scenario.Resend == ResendCase.SendsUsedUp ? RecoveryMachine.MaxCodeSends : 1,
            },
        };
        return (flow, new RecoveryMachine(flow, Now));
    }

    private static bool TryFire(RecoveryMachine machine, RecoveryTrigger trigger)
    {
        if (!machine.CanFire(trigger)) return false;
        machine.Fire(trigger);
        return true;
    }
}
