using System.Buffers.Text;
using System.Security.Cryptography;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;
using LoginOrchestrator.Orchestrator.Telemetry;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Orchestrator.Engine;

/// <summary>What the engine's frame talks to, bundled so its constructor stays readable.</summary>
public sealed record LoginPorts(
    IFlowStore Flows,
    IUserAccounts Accounts,
    ISessionIssuer Sessions,
    ILoginAudit Audit,
    ILoginPolicySource Policy,
    IAccountLockout Lockout,
    IUserDirectory Directory,
    ICaptchaSender Captchas,
    ICodeDispatcher Deliveries,
    IAccountNotices Notices,
    IRememberedDevices Devices,
    IPasskeys Passkeys,
    IRequestRateLimiter Limiter);

/// <summary>
/// The frame of every request on a flow: takes the flow's lease, expires it if its time is up, lets the machine accept
/// the action, refuses a locked user, hands the answer to the action's step and carries out what the step found
/// (count and lock, next stage, issue), then saves and audits. Factors live in the steps, not here.
/// </summary>
public sealed partial class LoginFlowEngine(
    LoginSteps steps, LoginPorts ports, TimeProvider time, LoginMetrics metrics, ILogger<LoginFlowEngine> logger) : IDisposable
{
    /// <summary>The request's machines (an engine serves one request): back to the pool when the request's scope ends.</summary>
    private readonly List<LoginMachine> _machines = [];

    /// <summary>The metric's name for a resend asked for before its wait is over (a rule of the flow, not an address's limit).</summary>
    private const string ResendWait = "resend_wait";

    /// <summary>How long a request waits for another request on the same flow.</summary>
    private static readonly TimeSpan LeaseWait = TimeSpan.FromSeconds(5);

    public async Task<FlowResult> StartAsync(string? returnTo, CancellationToken cancellationToken)
    {
        var policy = await ports.Policy.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var flow = new LoginFlow
        {
            Id = NewFlowId(),
            CreatedAt = now,
            ExpiresAt = now.AddSeconds(policy.FlowLifetimeSeconds),
            MaxAttempts = policy.MaxAttempts,
            ReturnTo = returnTo,
            ChallengeKey = RandomNumberGenerator.GetBytes(32),
        };
        await ports.Flows.CreateAsync(flow, cancellationToken);
        metrics.FlowStarted();
        var context = new StepContext(flow, MachineFor(flow, policy, now), policy, ClientInfo.None, now, cancellationToken);
        return Answer(context);
    }

    public Task<FlowResult> GetAsync(string flowId, ClientInfo client, CancellationToken cancellationToken) =>
        RunAsync(flowId, action: null, StepInput.None, client, cancellationToken);

    /// <summary>An external action with what the client sent for it.</summary>
    public Task<FlowResult> SubmitAsync(string flowId, LoginTrigger action, StepInput input, ClientInfo client, CancellationToken cancellationToken) =>
        RunAsync(flowId, action, input, client, cancellationToken);

    private async Task<FlowResult> RunAsync(
        string flowId, LoginTrigger? action, StepInput input, ClientInfo client, CancellationToken cancellationToken)
    {
        // The step's name is its trigger's (SubmitPassword…), or "Get" for a read.
        var stepName = action?.ToString() ?? "Get";
        using var activity = LoginMetrics.Activities.StartActivity($"login {stepName}");
        var started = time.GetTimestamp();
        try
        {
            // The client's limits are checked beside the flow's read (and its lease); a request on a flow counts against
            // its address only if its answer is wrong (below).
            var allowance = ports.Limiter.TryAcquireAsync(ClientIp(client), countsAsAttempt: false, cancellationToken);
            if (action is null && await TryReadAsync(flowId, client, allowance, cancellationToken) is { } read) return read;
            return await RunLeasedAsync(flowId, action, input, client, allowance, cancellationToken);
        }
        finally
        {
            metrics.StepAnswered(stepName, time.GetElapsedTime(started));
        }
    }

    private async Task<FlowResult> RunLeasedAsync(
        string flowId, LoginTrigger? action, StepInput input, ClientInfo client, Task<RequestAllowance> allowance, CancellationToken cancellationToken)
    {
        var lockRead = LockReadFor(flowId, action, input, cancellationToken);
        await using var lease = await ports.Flows.TakeAsync(flowId, LeaseWait, cancellationToken);
        if (await RefusedAsync(allowance, client, action) is { } refused) return refused;
        if (lease.Flow is not { } flow) return FlowResult.NotFound;
        // Read before another request's answer on this flow: possibly stale, so read again when needed.
        if (lease.Waited) lockRead = null;

        var context = await ContextAsync(flow, client, time.GetUtcNow(), cancellationToken);
        var deliveryBefore = flow.Captcha?.DeliveryId;
        var result = await DecideAsync(context, lease, action, input, lockRead);
        // A code this request just queued is queued: its send leaves from the outbox after the answer.
        if (result.Flow is { State: LoginState.Captcha, Captcha: { } ticket } && ticket.DeliveryId != deliveryBefore && !result.Unsaved)
            return result with { Delivery = DeliveryStatus.Queued };
        if (result.Unsaved)
        {
            // A daily cap: nothing was saved, so the answer shows the flow as it is stored, not as the step left it.
            var stored = (await ports.Flows.FindAsync(flowId, cancellationToken))!;
            result = Problem(await ContextAsync(stored, client, context.Now, cancellationToken), FlowCodes.RateLimited, result.Problem!.RetryAfterSeconds);
        }
        // Saved: the answer shows what was stored, even if the request's deadline passed during the save.
        return await WithDeliveryAsync(result, CancellationToken.None);
    }

    /// <summary>
    /// A read takes no lease unless it must write (the flow's time is up): flows are saved whole, so a read sees one
    /// version or the next, never half of one. Null: take the leased path.
    /// </summary>
    private async Task<FlowResult?> TryReadAsync(string flowId, ClientInfo client, Task<RequestAllowance> allowance, CancellationToken cancellationToken)
    {
        var flow = await ports.Flows.FindAsync(flowId, cancellationToken);
        if (await RefusedAsync(allowance, client, action: null) is { } refused) return refused;
        if (flow is null) return FlowResult.NotFound;
        var now = time.GetUtcNow();
        if (!flow.State.IsTerminal() && now >= flow.ExpiresAt) return null;
        var context = await ContextAsync(flow, client, now, cancellationToken);
        return await WithDeliveryAsync(flow.State == LoginState.Expired ? Problem(context, FlowCodes.FlowExpired) : Answer(context), cancellationToken);
    }

    /// <summary>A request on a stored flow: the policy as it is now (read once), and a machine over the flow.</summary>
    private async Task<StepContext> ContextAsync(LoginFlow flow, ClientInfo client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var policy = await ports.Policy.GetAsync(cancellationToken);
        return new StepContext(flow, MachineFor(flow, policy, now), policy, client, now, cancellationToken);
    }

    private LoginMachine MachineFor(LoginFlow flow, LoginPolicy policy, DateTimeOffset now)
    {
        var machine = LoginMachinePool.Shared.Rent(flow, Conditions(policy, now));
        _machines.Add(machine);
        return machine;
    }

    public void Dispose()
    {
        foreach (var machine in _machines) LoginMachinePool.Shared.Return(machine);
        _machines.Clear();
    }

    private static string ClientIp(ClientInfo client) => client.IpAddress ?? "unknown";

    /// <summary>Past a limit of the client's address or of everyone's: 429, the same for every flow and account.</summary>
    private async Task<FlowResult?> RefusedAsync(Task<RequestAllowance> allowance, ClientInfo client, LoginTrigger? action)
    {
        var answer = await allowance;
        if (answer.Allowed) return null;
        logger.LogWarning("Rate limit {Limit} reached for client {ClientIp} on {Step}", answer.Limit, client.IpAddress, action?.ToString() ?? "Get");
        return new FlowResult(null, [], null, new FlowProblem(FlowCodes.RateLimited, SecondsUntil(TimeSpan.Zero, answer.RetryAfter)), null);
    }

    private async Task<FlowResult> WithDeliveryAsync(FlowResult result, CancellationToken cancellationToken) =>
        result.Flow is { State: LoginState.Captcha, Captcha: { } ticket }
            ? result with { Delivery = await ports.Deliveries.GetStatusAsync(ticket.DeliveryId, cancellationToken) }
            : result;

    private async Task<FlowResult> DecideAsync(StepContext context, IFlowLease lease, LoginTrigger? action, StepInput input, LockRead? lockRead)
    {
        var flow = context.Flow;
        var cancellationToken = context.CancellationToken;
        if (!lease.Held) return Problem(context, FlowCodes.FlowBusy);

        // Expiry is checked first, on every request.
        if (!flow.State.IsTerminal() && context.Now >= flow.ExpiresAt)
        {
            context.Machine.Fire(LoginTrigger.TimedOut);
            End(context, reason: null);
            await context.Writes.CommitAsync((outbox, token) => lease.SaveAndReleaseAsync(flow, outbox, token), cancellationToken);
            return Problem(context, FlowCodes.FlowExpired);
        }
        if (flow.State == LoginState.Expired) return Problem(context, FlowCodes.FlowExpired);
        if (action is not { } offered) return Answer(context);
        if (flow.State == LoginState.Locked)
        {
            await CountAgainstAddressAsync(context, CancellationToken.None);
            return Problem(context, FlowCodes.Locked);
        }
        if (!context.Machine.TryAccept(offered)) return NotOffered(context, offered);

        // Redis commands take no cancellation token: past the request's deadline, stop before the next one.
        cancellationToken.ThrowIfCancellationRequested();
        var step = steps.For(offered);
        var subject = step.SubjectOf(context, input);
        // The user typed before the first factor passed: kept for the audit, never shown before it passed.
        if (subject is not null && flow.UserId is null) flow.ClaimedUserId = subject;
        var result = await LockedAnswerAsync(context, subject, lease, lockRead)
            ?? await CarryOutAsync(context, await step.HandleAsync(context, input), lockChecked: subject is not null);
        // Past the request's deadline nothing more is written: the client has its 503 already.
        cancellationToken.ThrowIfCancellationRequested();
        // What guessing needs: a wrong answer (or one at a locked account) counts against the address, in the save's trip.
        if (result.Problem?.Code is FlowCodes.InvalidCredentials or FlowCodes.CodeInvalid or FlowCodes.Locked)
            context.Writes.Add(token => CountAgainstAddressAsync(context, token));
        // A daily cap leaves the flow unsaved; what was proven before it (a right password's reset) is still written.
        await context.Writes.CommitAsync(result.Unsaved ? null : (outbox, token) => lease.SaveAndReleaseAsync(flow, outbox, token), cancellationToken);
        return result;
    }

    private Task CountAgainstAddressAsync(StepContext context, CancellationToken cancellationToken) =>
        ports.Limiter.CountFailureAsync(ClientIp(context.Client), cancellationToken);

    /// <summary>A resend in its cooldown or past the flow's send budget is a rate limit; anything else is out of order.</summary>
    private FlowResult NotOffered(StepContext context, LoginTrigger action)
    {
        if (action == LoginTrigger.ResendCaptcha && context.Flow is { State: LoginState.Captcha, Captcha: { } ticket })
        {
            var until = ticket.Sends >= LoginMachine.MaxCaptchaSends ? context.Flow.ExpiresAt : ticket.ResendAvailableAt;
            metrics.RateLimited(ResendWait);
            return Problem(context, FlowCodes.RateLimited, retryAfter: SecondsUntil(context.Now, until));
        }
        return Problem(context, FlowCodes.ActionNotAllowed);
    }

    private FlowResult Answer(StepContext context, IssuedSession? session = null, DeviceGrant? device = null) =>
        new(context.Flow, Describe(context), null, null, session) { Device = device };

    private FlowResult Problem(StepContext context, string code, int? retryAfter = null, string? field = null) =>
        new(context.Flow, Describe(context), null, new FlowProblem(code, retryAfter, field), null);

    /// <summary>What the flow offers now, each action described by its step.</summary>
    private List<StepAction> Describe(StepContext context)
    {
        var view = new StepView(context.Flow, context.Policy);
        return [.. context.Machine.OfferedActions.Select(action => steps.For(action).Describe(view))];
    }

    private LoginConditions Conditions(LoginPolicy policy, DateTimeOffset now) =>
        new(ports.Directory.IsConfigured, policy.PasswordFallbackEnabled, now, policy.PasskeysAllowed);

    private static int SecondsUntil(DateTimeOffset now, DateTimeOffset until) => SecondsUntil(TimeSpan.Zero, until - now);

    private static int SecondsUntil(TimeSpan elapsed, TimeSpan wait) => Math.Max(1, (int)Math.Ceiling((wait - elapsed).TotalSeconds));

    /// <summary>144 random bits, URL-safe.</summary>
    private static string NewFlowId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
}
