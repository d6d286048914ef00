namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Single-use recovery codes, stored hashed.</summary>
public interface IRecoveryCodes
{
    /// <summary>Marks the code used if it is an unused code of the user; true for exactly one caller.</summary>
    Task<bool> TryConsumeAsync(string userId, string code, CancellationToken cancellationToken);
}
