using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Statecharts.Tests;

/// <summary>Every (state, trigger) pair under every combination of guard facts: the table's destination, or refusal with the flow unchanged.</summary>
public sealed class TransitionTableTests
{
    private static readonly LoginState[] NextStages =
        [LoginState.OtpChallenge, LoginState.Captcha, LoginState.TwoFactorBind, LoginState.Failed, LoginState.Issued];

    public static IEnumerable<object[]> StatesAndTriggers() =>
        from state in Enum.GetValues<LoginState>()
        from trigger in Enum.GetValues<LoginTrigger>()
        select new object[] { state, trigger };

    private static IEnumerable<Scenario> Scenarios() =>
        from weCom in new[] { true, false }
        from fallback in new[] { true, false }
        from attemptsLeft in new[] { true, false }
        from resend in Enum.GetValues<ResendCase>()
        from validTarget in new[] { true, false }
        from next in NextStages
        from passkeysAllowed in new[] { true, false }
        from totp in new[] { true, false }
        from passkey in new[] { true, false }
        select new Scenario(weCom, fallback, attemptsLeft, resend, validTarget, next, passkeysAllowed, totp, passkey);

    [Theory]
    [MemberData(nameof(StatesAndTriggers))]
    public void EveryPairFollowsTheTableOrIsRefused(LoginState from, LoginTrigger trigger)
    {
        foreach (var scenario in Scenarios())
        {
            var (flow, machine) = MachineHarness.Build(from, scenario);
            FollowsTheTable(from, trigger, scenario, flow, machine);
        }
    }

    /// <summary>The engine's machines come from a pool: one machine, lent to each scenario's flow in turn, answers as a new one.</summary>
    [Theory]
    [MemberData(nameof(StatesAndTriggers))]
    public void APooledMachineFollowsTheTableForEachFlowItIsLentTo(LoginState from, LoginTrigger trigger)
    {
        var pool = new LoginMachinePool();
        LoginMachine? lent = null;
        foreach (var scenario in Scenarios())
        {
            var flow = MachineHarness.NewFlow(from, scenario);
            var machine = pool.Rent(flow, MachineHarness.Conditions(scenario));
            if (lent is not null) machine.Should().BeSameAs(lent);
            lent = machine;
            FollowsTheTable(from, trigger, scenario, flow, machine);
            pool.Return(machine);
        }
        lent!.Invoking(m => m.State).Should().Throw<NullReferenceException>("a returned machine holds no flow");
    }

    private static void FollowsTheTable(LoginState from, LoginTrigger trigger, Scenario scenario, LoginFlow flow, LoginMachine machine)
    {
        var expected = LoginFlowTable.Expected(from, trigger, scenario);
        var fired = MachineHarness.TryFire(machine, trigger, scenario);
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

    [Fact]
    public void RefusedTriggerThrowsActionNotAllowedAndLeavesFlowUnchanged()
    {
        var scenario = new Scenario(false, true, true, ResendCase.Allowed, true, LoginState.Issued);
        var (flow, machine) = MachineHarness.Build(LoginState.Credentials, scenario);

        var act = () => machine.Fire(LoginTrigger.SubmitOtp);

        act.Should().Throw<ActionNotAllowedException>().Which.State.Should().Be(LoginState.Credentials);
        flow.State.Should().Be(LoginState.Credentials);
    }

    [Fact]
    public void TerminalStatesOfferNoActions()
    {
        var scenario = new Scenario(true, true, true, ResendCase.Allowed, true, LoginState.Issued);
        foreach (var terminal in Enum.GetValues<LoginState>().Where(s => s.IsTerminal()))
            MachineHarness.Build(terminal, scenario).Machine.OfferedActions.Should().BeEmpty($"{terminal} is terminal");
    }
}
