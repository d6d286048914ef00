using LoginOrchestrator.Orchestrator.Policy;

namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>The login policy in force now (the global settings).</summary>
public interface ILoginPolicySource
{
    Task<LoginPolicy> GetAsync(CancellationToken cancellationToken);
}
