using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Steps.WeCom;

/// <summary>
/// The directory of a deployment without WeCom. The machine never enters WeComCheck then
/// (its guard reads <see cref="IsConfigured"/>), so a call here is a bug, not a login outcome.
/// </summary>
public sealed class UnconfiguredDirectory : IUserDirectory
{
    public bool IsConfigured => false;

    public Task<DirectoryAnswer> LookupAsync(string userId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("WeCom is not configured.");

    public Task<DirectoryAnswer> ExchangeOAuthCodeAsync(string code, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("WeCom is not configured.");
}
