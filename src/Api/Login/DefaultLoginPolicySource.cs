using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Api.Login;

/// <summary>
/// The login policy held in process: the defaults of settings.md until an admin changes them.
/// The settings tables and their admin API replace this source (issue "Global settings").
/// </summary>
public sealed class DefaultLoginPolicySource : ILoginPolicySource
{
    private LoginPolicy _policy = new();

    public Task<LoginPolicy> GetAsync(CancellationToken cancellationToken) => Task.FromResult(Volatile.Read(ref _policy));

    public void Set(LoginPolicy policy) => Volatile.Write(ref _policy, policy);
}
