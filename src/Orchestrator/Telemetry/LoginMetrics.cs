using System.Diagnostics;
using System.Diagnostics.Metrics;
using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Orchestrator.Telemetry;

/// <summary>
/// The <c>LoginOrchestrator</c> meter and activity source: what ops watch (flows started and ended, step times,
/// deliveries, lock-outs, rate-limit refusals). Instruments only; exporting is the host's business.
/// </summary>
public sealed class LoginMetrics
{
    public const string Name = "LoginOrchestrator";

    /// <summary>Spans for steps and jobs; the host's tracer listens to this source.</summary>
    public static ActivitySource Activities { get; } = new(Name);

    private readonly Counter<long> _flowsStarted;
    private readonly Counter<long> _flowsEnded;
    private readonly Histogram<double> _stepDuration;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _lockouts;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _templateFallbacks;

    public LoginMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _flowsStarted = meter.CreateCounter<long>("lo.flows.started", "{flow}", "Login flows created.");
        _flowsEnded = meter.CreateCounter<long>("lo.flows.ended", "{flow}", "Login flows that reached a terminal state, by outcome and degraded.");
        _stepDuration = meter.CreateHistogram<double>("lo.step.duration", "s", "Time to answer one action on a flow, by step.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _deliveries = meter.CreateCounter<long>("lo.deliveries", "{delivery}", "Code deliveries finished, by channel and status.");
        _lockouts = meter.CreateCounter<long>("lo.lockouts", "{lockout}", "Accounts locked after repeated wrong answers, by kind.");
        _rateLimited = meter.CreateCounter<long>("lo.rate_limit.refusals", "{request}",
            "Requests and code sends refused by a limit, by limit (attempts_per_ip, failures_per_ip, global, codes_per_ip, codes_per_user, codes_per_target, resend_wait).");
        _templateFallbacks = meter.CreateCounter<long>("lo.template.fallbacks", "{message}",
            "Code messages sent with the built-in template because the configured one failed or showed no code, by channel.");
    }

    public void FlowStarted() => _flowsStarted.Add(1);

    public void FlowEnded(LoginState outcome, bool degraded) =>
        _flowsEnded.Add(1, new("outcome", outcome.ToString()), new("degraded", degraded));

    public void StepAnswered(string step, TimeSpan duration) => _stepDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("step", step));

    public void DeliveryFinished(string channel, string status) => _deliveries.Add(1, new("channel", channel), new("status", status));

    public void AccountLocked(string kind) => _lockouts.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void RateLimited(string limit) => _rateLimited.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public void TemplateFellBack(string channel) => _templateFallbacks.Add(1, new KeyValuePair<string, object?>("channel", channel));
}
