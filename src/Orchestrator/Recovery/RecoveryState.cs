namespace LoginOrchestrator.Orchestrator.Recovery;

/// <summary>The states of a password recovery (docs/flows/recovery.mermaid).</summary>
public enum RecoveryState
{
    /// <summary>Asks who is recovering: a user id, nothing else.</summary>
    Identify,
    /// <summary>A code went to the account's verified contact, if there is such an account: asks for it.</summary>
    Verify,
    /// <summary>The account has TOTP: asks for a TOTP or a recovery code as well.</summary>
    SecondFactor,
    /// <summary>Proven: asks for the new password.</summary>
    SetPassword,
    Done,
    /// <summary>The account was disabled or removed after its code was proven.</summary>
    Failed,
    Locked,
    Expired,
}

public static class RecoveryStates
{
    /// <summary>States a recovery ends in; no trigger leaves them.</summary>
    public static bool IsTerminal(this RecoveryState state) =>
        state is RecoveryState.Done or RecoveryState.Failed or RecoveryState.Locked or RecoveryState.Expired;
}
