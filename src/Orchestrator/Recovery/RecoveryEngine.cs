using System.Buffers.Text;
using System.Security.Cryptography;
using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;
using LoginOrchestrator.Orchestrator.Telemetry;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Orchestrator.Recovery;

/// <summary>What the recovery frame talks to.</summary>
public sealed record RecoveryPorts(
    IRecoveryFlowStore Flows,
    IAccountLockout Lockout,
    ISessionRevocation Sessions,
    IRecoveryCodeQueue Codes,
    IAccountNotices Notices,
    IRecoveryAudit Audit,
    ILoginPolicySource Policy);

/// <summary>The answer to one request on a recovery flow.</summary>
public sealed record RecoveryResult(RecoveryFlow? Flow, IReadOnlyList<StepAction> Actions, FlowProblem? Problem)
{
    public static RecoveryResult NotFound { get; } = new(null, [], new FlowProblem(FlowCodes.FlowNotFound));
    public static RecoveryResult Disabled { get; } = new(null, [], new FlowProblem(FlowCodes.RecoveryDisabled));
}

/// <summary>
/// The frame of every request on a recovery, as the login's: the flow's lease, expiry first, the machine accepts the
/// action, the step checks the answer, the frame carries out what it found (count and lock, move, write, end), saves,
/// and only then queues a code, so its job reads the flow as answered.
/// </summary>
public sealed partial class RecoveryEngine(
    RecoverySteps steps, RecoveryPorts ports, TimeProvider time, LoginMetrics metrics, ILogger<RecoveryEngine> logger)
{
    private static readonly TimeSpan LeaseWait = TimeSpan.FromSeconds(5);

    /// <summary>A recovery the user starts on the login page.</summary>
    public async Task<RecoveryResult> StartAsync(ClientInfo client, CancellationToken cancellationToken)
    {
        var policy = await ports.Policy.GetAsync(cancellationToken);
        if (!policy.RecoveryEnabled) return RecoveryResult.Disabled;
        var now = time.GetUtcNow();
        var flow = NewFlow(policy, now, TimeSpan.FromSeconds(policy.RecoveryLifetimeSeconds), client);
        await ports.Flows.CreateAsync(flow, cancellationToken);
        return Answer(Context(flow, policy, client, now, cancellationToken));
    }

    /// <summary>
    /// A recovery an admin sends to a user: identified already, its code (sent now) alive as long as the flow, which
    /// lives <c>recovery.admin_link_hours</c> so the user can open the link in their own time.
    /// </summary>
    public async Task<RecoveryResult> SendToUserAsync(string userId, string adminId, ClientInfo client, CancellationToken cancellationToken)
    {
        var policy = await ports.Policy.GetAsync(cancellationToken);
        if (!policy.RecoveryEnabled) return RecoveryResult.Disabled;
        var now = time.GetUtcNow();
        var flow = NewFlow(policy, now, TimeSpan.FromHours(policy.AdminRecoveryLifetimeHours), client);
        flow.StartedBy = adminId;
        var context = Context(flow, policy, client, now, cancellationToken);
        context.Machine.Fire(RecoveryTrigger.SubmitIdentifier);
        RequestCode(context, userId, codeExpiresAt: flow.ExpiresAt);
        await ports.Flows.CreateAsync(flow, cancellationToken);
        ports.Codes.Queue(flow.Id, flow.Code!.Sends);
        logger.LogInformation("Admin {AdminId} sent recovery {FlowId} to user {UserId}", adminId, flow.Id, userId);
        return Answer(context);
    }

    /// <summary>
    /// The identify and resend steps' part: the flow's ticket for one more code, the same whatever the user id names.
    /// </summary>
    public static void RequestCode(RecoveryContext context, string claimedUserId, DateTimeOffset codeExpiresAt)
    {
        var flow = context.Flow;
        flow.ClaimedUserId = claimedUserId;
        flow.Code = new RecoveryCodeTicket
        {
            ExpiresAt = codeExpiresAt < flow.ExpiresAt ? codeExpiresAt : flow.ExpiresAt,
            ResendAvailableAt = context.Now + LoginPolicy.ResendCooldown,
            Sends = (flow.Code?.Sends ?? 0) + 1,
        };
        flow.Message = FlowCodes.RecoveryCodeSent;
    }

    public Task<RecoveryResult> GetAsync(string flowId, ClientInfo client, CancellationToken cancellationToken) =>
        RunAsync(flowId, action: null, StepInput.None, client, cancellationToken);

    public Task<RecoveryResult> SubmitAsync(string flowId, RecoveryTrigger action, StepInput input, ClientInfo client, CancellationToken cancellationToken) =>
        RunAsync(flowId, action, input, client, cancellationToken);

    private async Task<RecoveryResult> RunAsync(string flowId, RecoveryTrigger? action, StepInput input, ClientInfo client, CancellationToken cancellationToken)
    {
        var stepName = action?.ToString() ?? "Get";
        using var activity = LoginMetrics.Activities.StartActivity($"recovery {stepName}");
        await using var lease = await ports.Flows.LockAsync(flowId, LeaseWait, cancellationToken);
        var flow = await ports.Flows.FindAsync(flowId, cancellationToken);
        if (flow is null) return RecoveryResult.NotFound;
        var policy = await ports.Policy.GetAsync(cancellationToken);
        var context = Context(flow, policy, client, time.GetUtcNow(), cancellationToken);
        if (lease is null) return Problem(context, FlowCodes.FlowBusy);

        var (result, codeQueued) = await DecideAsync(context, action, input);
        if (codeQueued) ports.Codes.Queue(flow.Id, flow.Code!.Sends);
        return result;
    }

    private async Task<(RecoveryResult Result, bool CodeQueued)> DecideAsync(RecoveryContext context, RecoveryTrigger? action, StepInput input)
    {
        var (flow, cancellationToken) = (context.Flow, context.CancellationToken);
        if (!flow.State.IsTerminal() && context.Now >= flow.ExpiresAt)
        {
            context.Machine.Fire(RecoveryTrigger.TimedOut);
            await EndAsync(context, reason: null);
            await ports.Flows.SaveAsync(flow, cancellationToken);
            return (Problem(context, FlowCodes.FlowExpired), false);
        }
        if (flow.State == RecoveryState.Expired) return (Problem(context, FlowCodes.FlowExpired), false);
        if (action is not { } offered) return (Answer(context), false);
        if (flow.State == RecoveryState.Locked) return (Problem(context, FlowCodes.Locked), false);
        // Turned off while the flow was open: nothing more is taken.
        if (!context.Policy.RecoveryEnabled) return (Problem(context, FlowCodes.RecoveryDisabled), false);
        if (await LockedAnswerAsync(context, offered) is { } locked) return (locked, false);
        if (!context.Machine.TryAccept(offered)) return (NotOffered(context, offered), false);

        cancellationToken.ThrowIfCancellationRequested();
        var outcome = await steps.For(offered).HandleAsync(context, input);
        var result = await CarryOutAsync(context, outcome);
        cancellationToken.ThrowIfCancellationRequested();
        await ports.Flows.SaveAsync(flow, cancellationToken);
        return (result, outcome is RecoveryOutcome.CodeQueued);
    }

    /// <summary>A resend in its cooldown or past the flow's send budget is a rate limit; anything else is out of order.</summary>
    private RecoveryResult NotOffered(RecoveryContext context, RecoveryTrigger action)
    {
        if (action == RecoveryTrigger.ResendCode && context.Flow is { State: RecoveryState.Verify, Code: { } ticket })
        {
            var until = ticket.Sends >= RecoveryMachine.MaxCodeSends ? context.Flow.ExpiresAt : ticket.ResendAvailableAt;
            return Problem(context, FlowCodes.RateLimited, retryAfter: SecondsUntil(context.Now, until));
        }
        return Problem(context, FlowCodes.ActionNotAllowed);
    }

    private RecoveryResult Answer(RecoveryContext context) => new(context.Flow, Describe(context), null);

    private RecoveryResult Problem(RecoveryContext context, string code, int? retryAfter = null, string? field = null, string? detail = null) =>
        new(context.Flow, Describe(context), new FlowProblem(code, retryAfter, field, detail));

    private List<StepAction> Describe(RecoveryContext context) =>
        [.. context.Machine.OfferedActions.Select(action => steps.For(action).Describe())];

    private static RecoveryContext Context(RecoveryFlow flow, LoginPolicy policy, ClientInfo client, DateTimeOffset now, CancellationToken cancellationToken) =>
        new(flow, new RecoveryMachine(flow, now), policy, client, now, cancellationToken);

    private static RecoveryFlow NewFlow(LoginPolicy policy, DateTimeOffset now, TimeSpan lifetime, ClientInfo client) => new()
    {
        Id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18)),
        CreatedAt = now,
        ExpiresAt = now + lifetime,
        MaxAttempts = policy.MaxAttempts,
        ClientIp = client.IpAddress,
        Language = client.Language is { Length: > 0 } language ? language : "zh-CN",
    };

    private static int SecondsUntil(DateTimeOffset now, DateTimeOffset until) =>
        Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds));
}
