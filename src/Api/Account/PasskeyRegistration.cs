using System.Buffers.Text;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Passkeys;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Account;

/// <summary>
/// The signed-in user's passkeys: registration (WebAuthn's create ceremony: a discoverable credential, user
/// verification required, no attestation asked), renaming and removal. Adding or removing a way to log in needs a
/// recent login or the current password (<see cref="RecentAuthentication"/>), as a first TOTP does.
/// </summary>
public sealed class PasskeyRegistration(
    LoginDbContext db, IPasskeys passkeys, IFido2 fido2, PasskeyChallenges challenges, IOptions<PasskeyOptions> options,
    RecentAuthentication recent, ILoginPolicySource policy, SessionService sessions, LoginAudit audit, TimeProvider time,
    ILogger<PasskeyRegistration> logger)
{
    public const int MaxNameLength = 64;

    /// <summary>Audit outcomes: a passkey the user registered; one removed (by the user, or an admin: an admin event then).</summary>
    public const string Registered = "PasskeyRegistered";
    public const string Removed = "PasskeyRemoved";

    /// <summary>A session of an admin who must register a passkey (<c>authentication.admin_requires_passkey</c>) before admin work.</summary>
    public const string RegisterPasskey = RequiredActions.RegisterPasskey;

    public async Task<Outcome<PasskeyCreationOptionsDto>> BeginAsync(SessionRecord session, string? currentPassword, CancellationToken cancellationToken)
    {
        var allowed = await UserAllowedAsync(session, currentPassword, cancellationToken);
        if (allowed.Value is not { } user) return allowed.Refusal!;
        var existing = await passkeys.ListAsync(session.UserId, cancellationToken);
        // The handle the user's passkeys carry already, or a new one for their first.
        var handle = existing.FirstOrDefault()?.UserHandle ?? System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var challenge = challenges.ForRegistration(UserIds.Canonical(session.UserId), handle, time.GetUtcNow());
        return PasskeyCreationOptionsDto.Of(CreationOptions(user, existing, handle, challenge));
    }

    public async Task<Outcome<PasskeyDto>> FinishAsync(SessionRecord session, PasskeyRegistrationRequest body, ClientInfo requester, CancellationToken cancellationToken)
    {
        if (NameProblem(body.Name) is { } badName) return badName;
        if (body.Credential?.ToRaw() is not { } raw) return Refusal.Invalid("credential", "The credential navigator.credentials.create returned, as JSON (binary values base64url).");
        var allowed = await UserAllowedAsync(session, body.CurrentPassword, cancellationToken);
        if (allowed.Value is not { } user) return allowed.Refusal!;
        if (PasskeyChallenges.ChallengeIn(raw.Response.ClientDataJson) is not { } challenge
            || challenges.RegistrationHandle(challenge, UserIds.Canonical(session.UserId), time.GetUtcNow()) is not { } handle)
            return Refusal.Invalid("credential", "The credential answers no registration of this user that is still open: begin again.");

        RegisteredPublicKeyCredential registered;
        try
        {
            registered = await fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = raw,
                OriginalOptions = CreationOptions(user, await passkeys.ListAsync(session.UserId, cancellationToken), handle, challenge),
                IsCredentialIdUniqueToUserCallback = async (candidate, token) => await passkeys.FindAsync(candidate.CredentialId, token) is null,
            }, cancellationToken);
        }
        catch (Fido2VerificationException e)
        {
            logger.LogInformation("A passkey registration of user {UserId} was refused: {Reason}", session.UserId, e.Code);
            return e.Code == Fido2ErrorCode.NonUniqueCredentialId
                ? new Refusal(ProblemCodes.PasskeyExists, "This passkey is registered already.")
                : Refusal.Invalid("credential", $"The credential does not verify ({e.Code}).");
        }

        var credential = new PasskeyCredential(registered.Id, UserIds.Canonical(session.UserId), registered.User.Id, registered.PublicKey, registered.SignCount,
            [.. (registered.Transports ?? []).Select(TransportName)], registered.AaGuid, body.Name!.Trim(), registered.IsBackedUp, time.GetUtcNow(), null);
        if (!await passkeys.AddAsync(credential, cancellationToken))
            return new Refusal(ProblemCodes.PasskeyExists, "This passkey is registered already.");
        var dto = PasskeyDto.Of(credential);
        await audit.RecordAsync(new AccountAction(dto.Id, credential.UserId, Registered, "by_user", requester, time.GetUtcNow()) { TargetType = "passkey" }, cancellationToken);
        // The session owed a passkey: it has one now.
        if (session.RequiredActions.Contains(RegisterPasskey))
            await sessions.SetRequiredActionsAsync(session.TokenHash, [.. session.RequiredActions.Where(a => a != RegisterPasskey)], cancellationToken);
        logger.LogInformation("User {UserId} registered passkey {Passkey}", session.UserId, credential.Name);
        return dto;
    }

    public async Task<IReadOnlyList<PasskeyDto>> ListAsync(string userId, CancellationToken cancellationToken) =>
        [.. (await passkeys.ListAsync(userId, cancellationToken)).Select(PasskeyDto.Of)];

    public async Task<Outcome<PasskeyDto>> RenameAsync(string userId, string passkeyId, string? name, CancellationToken cancellationToken)
    {
        if (NameProblem(name) is { } badName) return badName;
        if (IdOf(passkeyId) is not { } id || !await passkeys.RenameAsync(userId, id, name!.Trim(), cancellationToken)) return NotFound;
        return PasskeyDto.Of((await passkeys.FindAsync(id, cancellationToken))!);
    }

    public async Task<Refusal?> RemoveAsync(SessionRecord session, string passkeyId, string? currentPassword, ClientInfo requester, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().WithUserId(session.UserId).SingleOrDefaultAsync(cancellationToken);
        if (user is null) return Refusal.UserNotFound;
        if (await recent.CheckAsync(session, user, currentPassword, cancellationToken) is { } stale) return stale;
        return await RemoveAsync(session.UserId, passkeyId, adminId: null, requester, cancellationToken) ? null : NotFound;
    }

    /// <param name="adminId">The admin who removes it (an admin event), or null when the user does.</param>
    public async Task<bool> RemoveAsync(string userId, string passkeyId, string? adminId, ClientInfo requester, CancellationToken cancellationToken)
    {
        if (IdOf(passkeyId) is not { } id || !await passkeys.RemoveAsync(userId, id, cancellationToken)) return false;
        var by = adminId is null ? "by_user" : $"by_admin:{adminId}";
        await audit.RecordAsync(new AccountAction(passkeyId, UserIds.Canonical(userId), Removed, by, requester, time.GetUtcNow())
        {
            AdminId = adminId, TargetType = "passkey",
        }, cancellationToken);
        logger.LogInformation("A passkey of {UserId} was removed {By}", userId, by);
        return true;
    }

    public static Refusal NoSuchPasskey => new(ProblemCodes.PasskeyNotFound, "No such passkey of this user.");

    private static Refusal NotFound => NoSuchPasskey;

    private async Task<Outcome<UserAccount>> UserAllowedAsync(SessionRecord session, string? currentPassword, CancellationToken cancellationToken)
    {
        if (!(await policy.GetAsync(cancellationToken)).PasskeysAllowed)
            return new Refusal(ProblemCodes.PasskeysDisabled, "Passkeys are turned off (setting authentication.passkeys_allowed).");
        var user = await db.Users.AsNoTracking().WithUserId(session.UserId).SingleOrDefaultAsync(cancellationToken);
        if (user is null) return Refusal.UserNotFound;
        return await recent.CheckAsync(session, user, currentPassword, cancellationToken) is { } stale ? stale : user;
    }

    /// <summary>The create ceremony's options: the same at its end as at its start but for the challenge each carries.</summary>
    private CredentialCreateOptions CreationOptions(UserAccount user, IReadOnlyList<PasskeyCredential> existing, byte[] userHandle, byte[] challenge) =>
        new()
        {
            Rp = new PublicKeyCredentialRpEntity(options.Value.RpId, options.Value.RpName, null),
            User = new Fido2User { Id = userHandle, Name = user.UserId, DisplayName = user.Name },
            Challenge = challenge,
            PubKeyCredParams = PubKeyCredParam.Defaults,
            Timeout = (ulong)PasskeyChallenges.RegistrationLifetime.TotalMilliseconds,
            // Discoverable, so it can log in without a user id; verified, so it counts as two factors.
            AuthenticatorSelection = new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Required, UserVerification = UserVerificationRequirement.Required },
            Attestation = AttestationConveyancePreference.None,
            // The same authenticator twice would be one factor counted twice.
            ExcludeCredentials = [.. existing.Select(p => new PublicKeyCredentialDescriptor(p.Id))],
        };

    private static Refusal? NameProblem(string? name) => name?.Trim() switch
    {
        null or "" => Refusal.Invalid("name", "Required: what the passkey is (\"YubiKey\", \"work laptop\")."),
        { Length: > MaxNameLength } => Refusal.Invalid("name", $"At most {MaxNameLength} characters."),
        var text when text.Any(char.IsControl) => Refusal.Invalid("name", "Control characters are not allowed."),
        _ => null,
    };

    private static byte[]? IdOf(string passkeyId) => Base64Url.IsValid(passkeyId) && passkeyId.Length <= 1400 ? Base64Url.DecodeFromChars(passkeyId) : null;


    private static string TransportName(AuthenticatorTransport transport) => transport switch
    {
        AuthenticatorTransport.Usb => "usb",
        AuthenticatorTransport.Nfc => "nfc",
        AuthenticatorTransport.Ble => "ble",
        AuthenticatorTransport.SmartCard => "smart-card",
        AuthenticatorTransport.Hybrid => "hybrid",
        _ => "internal",
    };
}
