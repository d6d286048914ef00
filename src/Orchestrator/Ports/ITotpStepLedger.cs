namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Remembers the last TOTP time step accepted per user, so no step is ever accepted twice.</summary>
public interface ITotpStepLedger
{
    /// <summary>
    /// Atomically records <paramref name="step"/> as accepted when it is later than the last accepted
    /// step of the user; false when it is not (a replay, or an older code after a newer one).
    /// </summary>
    Task<bool> TryAcceptAsync(string userId, long step, CancellationToken cancellationToken);
}
