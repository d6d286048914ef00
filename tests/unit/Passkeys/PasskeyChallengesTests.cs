using System.Security.Cryptography;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Steps.Passkeys;
using Microsoft.AspNetCore.DataProtection;

namespace LoginOrchestrator.Unit.Tests.Passkeys;

public sealed class PasskeyChallengesTests
{
    private readonly PasskeyChallenges _challenges = new(new EphemeralDataProtectionProvider());

    private static LoginFlow Flow(string id, byte[]? key = null) => new()
    {
        Id = id, CreatedAt = DateTimeOffset.UnixEpoch, ExpiresAt = DateTimeOffset.UnixEpoch.AddMinutes(10), MaxAttempts = 5,
        ChallengeKey = key ?? RandomNumberGenerator.GetBytes(32),
    };

    [Fact]
    public void AChallengeIsGoodForItsFlowAsItStandsOnly()
    {
        var flow = Flow("flow-a");
        var challenge = _challenges.ForLogin(flow);

        _challenges.IsForLogin(challenge, flow).Should().BeTrue();
        _challenges.ForLogin(flow).Should().Equal(challenge, "a page that reads the flow again is in the same ceremony");

        flow.RecordFailure();
        _challenges.IsForLogin(challenge, flow).Should().BeFalse("a wrong answer uses the challenge up");
        _challenges.ForLogin(flow).Should().NotEqual(challenge);

        var moved = Flow("flow-a", flow.ChallengeKey);
        moved.State = LoginState.OtpChallenge;
        _challenges.IsForLogin(_challenges.ForLogin(Flow("flow-a", flow.ChallengeKey)), moved).Should().BeFalse("the state moved on");
    }

    [Fact]
    public void NoOneWithoutTheFlowsKeyCanMakeOne()
    {
        var flow = Flow("flow-b");
        var sameFactsOtherKey = Flow("flow-b");

        _challenges.IsForLogin(_challenges.ForLogin(sameFactsOtherKey), flow).Should().BeFalse();
        _challenges.IsForLogin(_challenges.ForLogin(Flow("flow-c", flow.ChallengeKey)), flow).Should().BeFalse("another flow's facts");
        _challenges.IsForLogin(new byte[HMACSHA256.HashSizeInBytes], flow).Should().BeFalse();
        _challenges.ForLogin(flow).Should().HaveCount(32);
    }

    [Fact]
    public void FlowsBegunWithoutAKeyAndEarlierChallengesStillWork()
    {
        var older = new LoginFlow { Id = "flow-d", CreatedAt = DateTimeOffset.UnixEpoch, ExpiresAt = DateTimeOffset.UnixEpoch, MaxAttempts = 5 };
        var encrypted = _challenges.ForLogin(older);

        encrypted.Length.Should().BeGreaterThan(HMACSHA256.HashSizeInBytes);
        _challenges.IsForLogin(encrypted, older).Should().BeTrue();
        _challenges.ForLogin(older).Should().NotEqual(encrypted, "encrypted with a fresh IV each time");

        // An instance of the earlier version read a keyed flow and handed out the encrypted form: still the flow's.
        var keyed = Flow("flow-d");
        _challenges.IsForLogin(encrypted, keyed).Should().BeTrue();
        keyed.RecordFailure();
        _challenges.IsForLogin(encrypted, keyed).Should().BeFalse();
    }
}
