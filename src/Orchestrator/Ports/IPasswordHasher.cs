namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Hashes and checks local passwords.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    /// <summary>
    /// True when <paramref name="password"/> matches <paramref name="hash"/>. With no hash (unknown user,
    /// disabled user, no local password) it still spends one full verify, so the answer takes the same time.
    /// </summary>
    bool Verify(string password, string? hash);

    /// <summary><see cref="Verify"/> off the request threads: what a server should call.</summary>
    Task<bool> VerifyAsync(string password, string? hash, CancellationToken cancellationToken);
}
