using LoginOrchestrator.Orchestrator.Policy;

namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>A registered user and their password hash, as the login reads them.</summary>
public sealed record LoginAccount(LoginUser User, string? PasswordHash);

/// <summary>A user with their decrypted TOTP secret (null unless TOTP is enabled).</summary>
public sealed record TotpAccount(LoginUser User, byte[]? TotpSecret);

/// <summary>The registered users (the database).</summary>
public interface IUserAccounts
{
    /// <summary>Finds a user by id, in its canonical form (<see cref="UserIds"/>).</summary>
    Task<LoginAccount?> FindAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The decrypted TOTP secret of a user with TOTP enabled.</summary>
    Task<byte[]?> GetTotpSecretAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user and their TOTP secret in one read (the TOTP step's, which hands the user on to the issue).</summary>
    Task<TotpAccount?> FindWithTotpSecretAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Whether another active (enabled) user has this email or mobile number bound.</summary>
    Task<bool> IsContactTakenAsync(string userId, string channel, string target, CancellationToken cancellationToken);

    /// <summary>Binds a verified email or mobile number to the user.</summary>
    Task BindContactAsync(string userId, string channel, string target, CancellationToken cancellationToken);

    /// <summary>Marks the user's contact proven, if it is still this target (a code sent to it came back).</summary>
    Task ConfirmContactAsync(string userId, string channel, string target, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a recovered password, raising the session epoch in the same write (every session ends); false when the
    /// user is disabled or gone.
    /// </summary>
    Task<bool> SetPasswordAsync(string userId, string passwordHash, CancellationToken cancellationToken);

    /// <summary>Takes the directory's name and departments, and contacts the user has not bound; returns the account as it now is.</summary>
    Task<LoginAccount?> SyncFromDirectoryAsync(DirectoryUser member, CancellationToken cancellationToken);

    /// <summary>Keeps the directory's verdict that this id is no active member, until it confirms them again.</summary>
    Task MarkDepartedAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Creates a user from the directory's profile (a WeCom OAuth login of someone new).</summary>
    Task<LoginAccount> ProvisionAsync(DirectoryUser member, CancellationToken cancellationToken);
}

public static class UserAccountsExtensions
{
    /// <summary>The user, unless disabled or removed (while a flow was open, say).</summary>
    public static async Task<LoginUser?> FindActiveAsync(this IUserAccounts accounts, string userId, CancellationToken cancellationToken) =>
        await accounts.FindAsync(userId, cancellationToken) is { User.Disabled: false } account ? account.User : null;
}
