namespace LoginOrchestrator.Orchestrator.Machine;

/// <summary>What the user has proven so far (api.md <c>factors</c>).</summary>
public enum LoginFactor
{
    Password,
    WeCom,
    Otp,
    RecoveryCode,
    Captcha,
    /// <summary>A device where this user passed a second factor before, and asked it be remembered.</summary>
    RememberedDevice,
    /// <summary>A passkey bound to its device (a security key, a platform authenticator that does not sync it): <c>amr</c> hwk.</summary>
    Passkey,
    /// <summary>A passkey synced between devices (a platform keychain): <c>amr</c> swk.</summary>
    SyncedPasskey,
}

/// <summary>
/// A login in progress: the persisted record the machine reads its state from and writes it back to.
/// A new <see cref="LoginMachine"/> is built over it for every request. Everything here is safe to
/// persist: passwords and codes never land on the flow; a held password lives only in the request.
/// </summary>
public sealed class LoginFlow
{
    public required string Id { get; init; }
    public LoginState State { get; set; } = LoginState.Credentials;
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public string? ReturnTo { get; init; }

    /// <summary>
    /// Random, never sent to a client: the key a WebAuthn challenge for this flow is derived from (the passkey step's
    /// challenges). Null in flows begun before it was kept.
    /// </summary>
    public byte[]? ChallengeKey { get; init; }

    /// <summary>The attempt budget of this flow (setting <c>flow.max_attempts</c> when it began).</summary>
    public required int MaxAttempts { get; init; }
    public int FailedAttempts { get; set; }
    public int AttemptsRemaining => Math.Max(0, MaxAttempts - FailedAttempts);

    /// <summary>The user id last typed into the form: kept for the audit, never shown before the first factor passed.</summary>
    public string? ClaimedUserId { get; set; }

    /// <summary>The user whose later locks are copied to this flow (<c>LockCheck.Watching</c>): their lock is read with the flow.</summary>
    public string? LockWatchedFor { get; set; }

    /// <summary>Set once the first factor passed.</summary>
    public string? UserId { get; set; }
    public string? UserName { get; set; }

    public List<LoginFactor> Factors { get; set; } = [];
    public List<StageReason> Reasons { get; set; } = [];

    /// <summary>WeCom is configured but could not vouch for the user: a second factor is forced.</summary>
    public bool Degraded { get; set; }

    /// <summary>The user's passkeys (credential ids, base64url) when the flow offers one as the second factor.</summary>
    public List<string> PasskeyIds { get; set; } = [];

    /// <summary>The user reached <c>OtpChallenge</c> with passkeys and no TOTP: only a passkey is asked for.</summary>
    public bool PasskeyOnly { get; set; }

    /// <summary>Present while the flow is in <c>Captcha</c>.</summary>
    public CaptchaTicket? Captcha { get; set; }

    /// <summary>The message of the last answer (an error or notice code of api.md).</summary>
    public string? Message { get; set; }

    /// <summary>The session must carry <c>requiredActions: ["enrol_otp"]</c> once issued.</summary>
    public bool EnrolOtpRequired { get; set; }

    /// <summary>The session must carry <c>requiredActions: ["register_passkey"]</c> once issued.</summary>
    public bool RegisterPasskeyRequired { get; set; }

    /// <summary>The terminal outcome has been written to the login audit.</summary>
    public bool Audited { get; set; }

    public void RecordFailure() => FailedAttempts++;
}

/// <summary>What a flow in <c>Captcha</c> knows about its live code; never the code itself.</summary>
public sealed class CaptchaTicket
{
    public required string Channel { get; set; }
    public required string MaskedTarget { get; set; }
    public required DateTimeOffset ExpiresAt { get; set; }
    public required DateTimeOffset ResendAvailableAt { get; set; }
    public int Sends { get; set; }
    public required string DeliveryId { get; set; }

    /// <summary>The contact being bound in this flow, bound only once its code is verified.</summary>
    public string? PendingBindTarget { get; set; }
}
