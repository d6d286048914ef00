namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>A user's registered WebAuthn credential: its public key only (the private key never leaves the authenticator).</summary>
/// <param name="Id">The credential id the authenticator chose (opaque bytes, at most 1023).</param>
/// <param name="UserHandle">The WebAuthn user handle given at registration: random, the same for all the user's passkeys.</param>
/// <param name="SignCount">The authenticator's counter at its last use; 0 for authenticators that keep none.</param>
/// <param name="BackedUp">A synced passkey (in a platform's keychain) rather than one bound to a device.</param>
public sealed record PasskeyCredential(
    byte[] Id,
    string UserId,
    byte[] UserHandle,
    byte[] PublicKey,
    uint SignCount,
    IReadOnlyList<string> Transports,
    Guid Aaguid,
    string Name,
    bool BackedUp,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt);

/// <summary>Registered passkeys, per user.</summary>
public interface IPasskeys
{
    Task<IReadOnlyList<PasskeyCredential>> ListAsync(string userId, CancellationToken cancellationToken);

    Task<PasskeyCredential?> FindAsync(byte[] credentialId, CancellationToken cancellationToken);

    /// <summary>False when a credential with that id exists already (for anyone).</summary>
    Task<bool> AddAsync(PasskeyCredential credential, CancellationToken cancellationToken);

    /// <summary>
    /// Records a use: the counter moves from <paramref name="seenCount"/> to <paramref name="newCount"/> only if it is
    /// still <paramref name="seenCount"/> (two logins with one assertion: the second finds it moved). False then.
    /// </summary>
    Task<bool> RecordUseAsync(byte[] credentialId, uint seenCount, uint newCount, DateTimeOffset usedAt, CancellationToken cancellationToken);

    Task<bool> RenameAsync(string userId, byte[] credentialId, string name, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(string userId, byte[] credentialId, CancellationToken cancellationToken);
}
