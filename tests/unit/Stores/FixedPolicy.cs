using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Unit.Tests.Stores;

/// <summary>The settings as a test fixes them.</summary>
public sealed class FixedPolicy(LoginPolicy? policy = null) : ILoginPolicySource
{
    public Task<LoginPolicy> GetAsync(CancellationToken cancellationToken) => Task.FromResult(policy ?? new LoginPolicy());
}
