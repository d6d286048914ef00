using System.Net;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Stores.Redis;
using LoginOrchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace LoginOrchestrator.Security.Tests;

/// <summary>Point 2: brute force per user, across flows, with a growing wait (settings <c>lockout.*</c>: 5 / 60 s / 900 s).</summary>
[Trait("Redis", "cluster")] // also run on the Redis Cluster (scripts/test.sh)
public sealed class AccountLockoutTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private const string Password = "lockout-Pass-1";
    private readonly FlowClient _client = new(factory.CreateClient());

    private async Task<Answer> WrongPasswordsAsync(string userId, int count)
    {
        Answer last = default!;
        for (var i = 0; i < count; i++) last = await _client.LoginAsync(userId, "not-the-password");
        return last;
    }

    [Fact]
    public async Task FifthWrongPasswordAcrossFlowsLocksTheAccountAndTheRightPasswordIsThenRefused()
    {
        await factory.AddUserAsync("lock1", Password);

        (await WrongPasswordsAsync("lock1", 4)).Code.Should().Be("invalid_credentials");
        var fifth = await WrongPasswordsAsync("lock1", 1);

        fifth.Status.Should().Be(HttpStatusCode.Locked);
        fifth.Code.Should().Be("locked");
        fifth.State.Should().Be("Locked");
        fifth.Body.GetProperty("retryAfter").GetInt32().Should().Be(60);
        fifth.Response.Headers.RetryAfter!.ToString().Should().Be("60");

        var right = await _client.LoginAsync("lock1", Password);
        right.Status.Should().Be(HttpStatusCode.Locked);
        right.State.Should().Be("Locked");
        right.Token.Should().BeNull();
        right.Body.GetProperty("retryAfter").GetInt32().Should().BeInRange(1, 60);

        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        (await _client.LoginAsync("lock1", Password)).State.Should().Be("Issued");
    }

    [Fact]
    public async Task EachFurtherLockOutWaitsOneIncrementLongerUpToTheCap()
    {
        await factory.AddUserAsync("lock2", Password);
        await factory.SetSettingAsync("lockout", "max_wait_seconds", 150);
        try
        {
            int[] waits = new int[3];
            for (var round = 0; round < 3; round++)
            {
                var locked = await WrongPasswordsAsync("lock2", 5);
                locked.Status.Should().Be(HttpStatusCode.Locked);
                waits[round] = locked.Body.GetProperty("retryAfter").GetInt32();
                factory.Clock.Advance(TimeSpan.FromSeconds(waits[round] + 1));
            }
            waits.Should().Equal(60, 120, 150);
        }
        finally
        {
            await factory.SetSettingAsync("lockout", "max_wait_seconds", 900);
        }
    }

    [Fact]
    public async Task SuccessResetsTheCounter()
    {
        await factory.AddUserAsync("lock3", Password);

        await WrongPasswordsAsync("lock3", 4);
        (await _client.LoginAsync("lock3", Password)).State.Should().Be("Issued");
        var after = await WrongPasswordsAsync("lock3", 4);

        after.Code.Should().Be("invalid_credentials", "four wrong answers after a success are not five");
        (await _client.LoginAsync("lock3", Password)).State.Should().Be("Issued");
    }

    [Fact]
    public async Task PasswordAndSecondFactorFailuresAreCountedApart()
    {
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("lock4", Password, totpSecret: secret);
        var wrongOtp = factory.TotpCode(secret) == "000000" ? "111111" : "000000";

        for (var i = 0; i < 4; i++)
        {
            // A new flow each time: one flow's own five attempts are not what is measured here.
            var challenge = await _client.LoginAsync("lock4", Password);
            challenge.State.Should().Be("OtpChallenge");
            (await _client.PostAsync(FlowClient.Id(challenge), "otp", new { code = wrongOtp })).Code.Should().Be("code_invalid");
        }
        var fourthPassword = await WrongPasswordsAsync("lock4", 4);
        fourthPassword.Code.Should().Be("invalid_credentials", "four wrong passwords after four wrong codes are not eight of one kind");

        var fifthOtp = await _client.LoginAsync("lock4", Password);
        fifthOtp.State.Should().Be("OtpChallenge");
        var locked = await _client.PostAsync(FlowClient.Id(fifthOtp), "otp", new { code = wrongOtp });
        locked.Status.Should().Be(HttpStatusCode.Locked, "the fifth wrong second factor locks");

        var again = await _client.LoginAsync("lock4", Password);
        again.Status.Should().Be(HttpStatusCode.Locked, "the lock is the account's, whatever the factor locked it");
    }

    [Fact]
    public async Task AnUnknownUserLocksExactlyLikeARealOne()
    {
        await factory.AddUserAsync("lock5", Password);

        var real = await WrongPasswordsAsync("lock5", 5);
        var unknown = await WrongPasswordsAsync("nobody-at-all", 5);

        unknown.Status.Should().Be(real.Status);
        unknown.Code.Should().Be(real.Code);
        unknown.Body.GetProperty("retryAfter").GetInt32().Should().Be(real.Body.GetProperty("retryAfter").GetInt32());
        unknown.Body.GetProperty("detail").GetString().Should().Be(real.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UserIdCaseDoesNotEscapeTheCounter()
    {
        await factory.AddUserAsync("lock6", Password);

        await WrongPasswordsAsync("lock6", 2);
        await WrongPasswordsAsync("LOCK6", 2);
        var fifth = await WrongPasswordsAsync("Lock6", 1);

        fifth.Status.Should().Be(HttpStatusCode.Locked);
    }

    [Fact]
    public async Task EveryInstanceSeesTheSameCounterAndLock()
    {
        // Two lock-out stores on two connections, as two instances have: the failures add up.
        await using var first = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        await using var second = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        var keys = factory.Services.GetRequiredService<RedisKeys>();
        var a = new RedisAccountLockout(first, keys, factory.Clock);
        var b = new RedisAccountLockout(second, keys, factory.Clock);
        var policy = new LockoutPolicy(MaxFailures: 4);

        (await a.RecordFailureAsync("shared", FailureKind.Password, policy, default)).Should().BeNull();
        (await b.RecordFailureAsync("shared", FailureKind.Password, policy, default)).Should().BeNull();
        (await a.RecordFailureAsync("shared", FailureKind.Password, policy, default)).Should().BeNull();
        (await b.RecordFailureAsync("shared", FailureKind.Password, policy, default)).Should().Be(TimeSpan.FromSeconds(60));

        (await a.LockedForAsync("shared", default)).Should().BeCloseTo(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));
        await b.UnlockAsync("shared", default);
        (await a.LockedForAsync("shared", default)).Should().BeNull();
    }

    [Fact]
    public async Task RacingWrongAnswersLockExactlyOnce()
    {
        var lockout = factory.Services.GetRequiredService<IAccountLockout>();
        var policy = new LockoutPolicy(MaxFailures: 5);

        var waits = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            lockout.RecordFailureAsync("racer", FailureKind.SecondFactor, policy, default)));

        waits.Where(w => w is not null).Should().HaveCount(4, "20 failures cross the threshold at 5, 10, 15 and 20");
        waits.Where(w => w is not null).Select(w => w!.Value.TotalSeconds).Should().BeEquivalentTo([60, 120, 180, 240]);
    }

    [Fact]
    public async Task AFlowAtItsSecondFactorRefusesTheRightCodeOnceTheAccountLockedElsewhere()
    {
        // The flow reads its user's lock with its own read (a copy the lock writes into the flow's slot): a lock set by
        // other flows after this one passed its password must still reach it.
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("lock7", Password, totpSecret: secret);
        var waiting = await _client.LoginAsync("lock7", Password);
        waiting.State.Should().Be("OtpChallenge");

        (await WrongPasswordsAsync("lock7", 5)).Status.Should().Be(HttpStatusCode.Locked);
        var right = await _client.PostAsync(FlowClient.Id(waiting), "otp", new { code = factory.TotpCode(secret) });

        right.Status.Should().Be(HttpStatusCode.Locked);
        right.State.Should().Be("Locked");
        right.Token.Should().BeNull();
    }

    [Fact]
    public async Task AnUnlockReachesAFlowWaitingAtItsSecondFactor()
    {
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("lock8", Password, totpSecret: secret);
        var waiting = await _client.LoginAsync("lock8", Password);
        waiting.State.Should().Be("OtpChallenge");
        (await WrongPasswordsAsync("lock8", 5)).Status.Should().Be(HttpStatusCode.Locked);

        await factory.Services.GetRequiredService<IAccountLockout>().UnlockAsync("lock8", default);
        var right = await _client.PostAsync(FlowClient.Id(waiting), "otp", new { code = factory.TotpCode(secret) });

        right.State.Should().Be("Issued", "the lock's copy in the flow went with the lock");
    }

    [Fact]
    public async Task ALockOfAnotherUserTypedIntoTheFlowDoesNotStopIt()
    {
        // A flow acts for each id typed into it in turn; a lock of an earlier one is not the signed-in user's.
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("lock9", Password, totpSecret: secret);
        var start = await _client.StartAsync();
        var flow = FlowClient.Id(start);
        (await _client.PasswordAsync(flow, "lock9-other", "wrong")).Code.Should().Be("invalid_credentials");
        (await _client.PasswordAsync(flow, "lock9", Password)).State.Should().Be("OtpChallenge");

        (await WrongPasswordsAsync("lock9-other", 5)).Status.Should().Be(HttpStatusCode.Locked);
        var right = await _client.PostAsync(flow, "otp", new { code = factory.TotpCode(secret) });

        right.State.Should().Be("Issued");
    }
}
