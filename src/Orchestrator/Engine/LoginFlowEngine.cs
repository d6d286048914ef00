using System.Buffers.Text;
using System.Security.Cryptography;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Telemetry;
using LoginOrchestrator.Steps.Captcha;
using LoginOrchestrator.Steps.Delivery;
using LoginOrchestrator.Steps.Directory;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Steps.Passwords;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Orchestrator.Engine;

/// <summary>The collaborators of the engine, bundled so its constructor stays readable.</summary>
public sealed record LoginSteps(
    IUserDirectory Directory,
    IPasswordHasher Passwords,
    TotpVerifier Totp,
    CaptchaCodes Captchas,
    ICodeDispatcher Dispatcher,
    ICodeSendLimiter SendLimiter);

public sealed record LoginStores(
    IFlowStore Flows,
    IUserAccounts Accounts,
    IRecoveryCodes RecoveryCodes,
    ISessionIssuer Sessions,
    ILoginAudit Audit,
    ILoginPolicySource Policy,
    ISessionRevocation Revocation,
    IAccountLockout Lockout);

/// <summary>
/// Runs one REST action against a flow: takes the flow's lease, expires it if its time is up, asks the
/// machine whether the action is offered, lets the steps decide, fires what they decided and saves.
/// </summary>
public sealed partial class LoginFlowEngine(
    LoginSteps steps, LoginStores stores, TimeProvider time, LoginMetrics metrics, ILogger<LoginFlowEngine> logger)
{
    /// <summary>How long a request waits for another request on the same flow.</summary>
    private static readonly TimeSpan LeaseWait = TimeSpan.FromSeconds(5);

    public async Task<FlowResult> StartAsync(string? returnTo, CancellationToken cancellationToken)
    {
        var policy = await stores.Policy.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var flow = new LoginFlow
        {
            Id = NewFlowId(),
            CreatedAt = now,
            ExpiresAt = now.AddSeconds(policy.FlowLifetimeSeconds),
            MaxAttempts = policy.MaxAttempts,
            ReturnTo = returnTo,
        };
        await stores.Flows.CreateAsync(flow, cancellationToken);
        metrics.FlowStarted();
        var machine = new LoginMachine(flow, Conditions(policy.PasswordFallbackEnabled, now));
        return new FlowResult(flow, machine.OfferedActions, null, null, null);
    }

    public Task<FlowResult> GetAsync(string flowId, ClientInfo client, CancellationToken cancellationToken) =>
        RunAsync(flowId, action: null, client, request => Task.FromResult(Answer(request)), cancellationToken);

    /// <summary>The frame of every request: lease, load, expiry, offered check, step, save.</summary>
    private async Task<FlowResult> RunAsync(
        string flowId, LoginTrigger? action, ClientInfo client,
        Func<FlowRequest, Task<FlowResult>> step, CancellationToken cancellationToken)
    {
        // The step's name is its trigger's (SubmitPassword…), or "Get" for a read.
        var stepName = action?.ToString() ?? "Get";
        using var activity = LoginMetrics.Activities.StartActivity($"login {stepName}");
        var started = time.GetTimestamp();
        try
        {
            if (action is null && await TryReadAsync(flowId, client, cancellationToken) is { } read) return read;
            return await RunLeasedAsync(flowId, action, client, step, cancellationToken);
        }
        finally
        {
            metrics.StepAnswered(stepName, time.GetElapsedTime(started));
        }
    }

    private async Task<FlowResult> RunLeasedAsync(
        string flowId, LoginTrigger? action, ClientInfo client,
        Func<FlowRequest, Task<FlowResult>> step, CancellationToken cancellationToken)
    {
        await using var lease = await stores.Flows.LockAsync(flowId, LeaseWait, cancellationToken);
        var flow = await stores.Flows.FindAsync(flowId, cancellationToken);
        if (flow is null) return FlowResult.NotFound;

        var request = await RequestAsync(flow, client, time.GetUtcNow(), cancellationToken);
        FlowResult result;
        try
        {
            result = await DecideAsync(request, lease is not null, action, step);
        }
        catch (SendLimitReachedException limit)
        {
            // Nothing was saved: answer with the flow as it is stored, not as the step left it in memory.
            var stored = (await stores.Flows.FindAsync(flowId, cancellationToken))!;
            var storedRequest = request with { Flow = stored, Machine = new LoginMachine(stored, Conditions(request.Policy.PasswordFallbackEnabled, request.Now)) };
            result = Problem(storedRequest, FlowCodes.RateLimited, retryAfter: (int)Math.Ceiling(limit.RetryAfter.TotalSeconds));
        }
        return await WithDeliveryAsync(result, cancellationToken);
    }

    /// <summary>
    /// A read takes no lease unless it must write (the flow's time is up): flows are saved whole, so a read sees one
    /// version or the next, never half of one. Null: take the leased path.
    /// </summary>
    private async Task<FlowResult?> TryReadAsync(string flowId, ClientInfo client, CancellationToken cancellationToken)
    {
        var flow = await stores.Flows.FindAsync(flowId, cancellationToken);
        if (flow is null) return FlowResult.NotFound;
        var now = time.GetUtcNow();
        if (!flow.State.IsTerminal() && now >= flow.ExpiresAt) return null;
        var request = await RequestAsync(flow, client, now, cancellationToken);
        return await WithDeliveryAsync(flow.State == LoginState.Expired ? Problem(request, FlowCodes.FlowExpired) : Answer(request), cancellationToken);
    }

    /// <summary>A request on a stored flow: the policy as it is now, and a machine over the flow.</summary>
    private async Task<FlowRequest> RequestAsync(LoginFlow flow, ClientInfo client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var policy = await stores.Policy.GetAsync(cancellationToken);
        return new FlowRequest(flow, new LoginMachine(flow, Conditions(policy.PasswordFallbackEnabled, now)), policy, client, now, cancellationToken);
    }

    private async Task<FlowResult> WithDeliveryAsync(FlowResult result, CancellationToken cancellationToken) =>
        result.Flow is { State: LoginState.Captcha, Captcha: { } ticket }
            ? result with { Delivery = await steps.Dispatcher.GetStatusAsync(ticket.DeliveryId, cancellationToken) }
            : result;

    private async Task<FlowResult> DecideAsync(
        FlowRequest request, bool leaseHeld, LoginTrigger? action, Func<FlowRequest, Task<FlowResult>> step)
    {
        var flow = request.Flow;
        var cancellationToken = request.CancellationToken;
        if (!leaseHeld) return Problem(request, FlowCodes.FlowBusy);

        // Expiry is checked first, on every request.
        if (!flow.State.IsTerminal() && request.Now >= flow.ExpiresAt)
        {
            request.Machine.Fire(LoginTrigger.TimedOut);
            await EndAsync(request, reason: null);
            await stores.Flows.SaveAsync(flow, cancellationToken);
            return Problem(request, FlowCodes.FlowExpired);
        }
        if (flow.State == LoginState.Expired) return Problem(request, FlowCodes.FlowExpired);
        if (action is null) return await step(request);
        if (flow.State == LoginState.Locked) return Problem(request, FlowCodes.Locked);
        if (!request.Machine.OfferedActions.Contains(action.Value)) return NotOffered(request, action.Value);

        var result = await step(request);
        // Past the request's deadline nothing more is written: the client has its 503 already.
        cancellationToken.ThrowIfCancellationRequested();
        await stores.Flows.SaveAsync(flow, cancellationToken);
        return result;
    }

    /// <summary>A resend in its cooldown or past the flow's send budget is a rate limit; anything else is out of order.</summary>
    private static FlowResult NotOffered(FlowRequest request, LoginTrigger action)
    {
        if (action == LoginTrigger.ResendCaptcha && request.Flow is { State: LoginState.Captcha, Captcha: { } ticket })
        {
            var until = ticket.Sends >= LoginMachine.MaxCaptchaSends ? request.Flow.ExpiresAt : ticket.ResendAvailableAt;
            return Problem(request, FlowCodes.RateLimited, retryAfter: SecondsUntil(request.Now, until));
        }
        return Problem(request, FlowCodes.ActionNotAllowed);
    }

    /// <summary>A wrong answer: counted, and the flow locks when it was the last one allowed.</summary>
    private async Task<FlowResult> RejectAsync(FlowRequest request, LoginTrigger rejection, string code)
    {
        var flow = request.Flow;
        flow.RecordFailure();
        flow.Message = code;
        if (await CountFailureAsync(request, rejection) is { } accountWait)
            return await LockFlowAsync(request, accountWait, reason: code);
        if (flow.AttemptsRemaining > 0)
        {
            request.Machine.Fire(rejection);
            return Problem(request, code);
        }
        request.Machine.Fire(LoginTrigger.AttemptsExhausted);
        flow.Message = FlowCodes.Locked;
        await EndAsync(request, reason: code);
        return Problem(request, FlowCodes.Locked);
    }

    /// <summary>Writes the terminal outcome to the login audit, once per flow.</summary>
    private async Task EndAsync(FlowRequest request, string? reason)
    {
        var flow = request.Flow;
        if (flow.Audited) return;
        await stores.Audit.RecordAsync(new LoginAuditEntry(
            flow.Id, flow.UserId ?? flow.ClaimedUserId, flow.State, [.. flow.Factors], flow.Degraded, reason,
            request.Client.IpAddress, request.Client.UserAgent, request.Now), request.CancellationToken);
        flow.Audited = true;
        metrics.FlowEnded(flow.State, flow.Degraded);
        logger.LogInformation("Login flow {FlowId} ended {Outcome} (degraded: {Degraded})", flow.Id, flow.State, flow.Degraded);
    }

    private static FlowResult Answer(FlowRequest request, IssuedSession? session = null) =>
        new(request.Flow, request.Machine.OfferedActions, null, null, session);

    private static FlowResult Problem(FlowRequest request, string code, int? retryAfter = null, string? field = null) =>
        new(request.Flow, request.Machine.OfferedActions, null, new FlowProblem(code, retryAfter, field), null);

    private LoginConditions Conditions(bool passwordFallbackEnabled, DateTimeOffset now) =>
        new(steps.Directory.IsConfigured, passwordFallbackEnabled, now);

    private static int SecondsUntil(DateTimeOffset now, DateTimeOffset until) =>
        Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds));

    /// <summary>144 random bits, URL-safe.</summary>
    private static string NewFlowId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
}
