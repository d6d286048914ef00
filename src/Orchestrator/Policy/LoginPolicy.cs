namespace LoginOrchestrator.Orchestrator.Policy;

/// <summary>Setting <c>authentication.type</c>.</summary>
public enum AuthenticationType { None, TwoFactor }

/// <summary>Setting <c>two_factor.send_method</c>: where captcha codes go.</summary>
public enum SendMethod { Email, Sms, WeCom }

/// <summary>
/// The policy of a login as the global settings hold it (settings.md), read once per request.
/// Defaults here are the defaults of settings.md.
/// </summary>
public sealed record LoginPolicy
{
    public AuthenticationType Type { get; init; } = AuthenticationType.None;
    public bool AdminRequiresOtp { get; init; } = true;
    public bool PasswordFallbackEnabled { get; init; } = true;
    public SendMethod SendMethod { get; init; } = SendMethod.Email;
    public int CodeExpireSeconds { get; init; } = 300;
    public int CodeLength { get; init; } = 6;
    public TwoFactorScope Scope { get; init; } = TwoFactorScope.Everyone;
    public int FlowLifetimeSeconds { get; init; } = 600;
    public int MaxAttempts { get; init; } = 5;
    public int SessionAbsoluteLifetimeSeconds { get; init; } = 28_800;
    public int SessionIdleTimeoutSeconds { get; init; } = 1_800;
    public LockoutPolicy Lockout { get; init; } = new();

    /// <summary>Setting <c>two_factor.shared_contacts_allowed</c>: one contact may be bound to several active users.</summary>
    public bool SharedContactsAllowed { get; init; }

    /// <summary>Setting <c>authentication.remember_device_days</c>: how long "remember this device" skips the second factor (0: never).</summary>
    public int RememberDeviceDays { get; init; } = 30;

    /// <summary>Setting <c>authentication.passkeys_allowed</c>: passkeys may be registered and used, as second factor and passwordless.</summary>
    public bool PasskeysAllowed { get; init; } = true;

    /// <summary>Setting <c>authentication.admin_requires_passkey</c>: an admin without a passkey must register one after login.</summary>
    public bool AdminRequiresPasskey { get; init; }

    /// <summary>Setting <c>recovery.enabled</c>: a forgotten password can be recovered by a code to a verified contact.</summary>
    public bool RecoveryEnabled { get; init; } = true;

    /// <summary>Setting <c>recovery.lifetime_seconds</c>: how long a recovery the user starts lives.</summary>
    public int RecoveryLifetimeSeconds { get; init; } = 900;

    /// <summary>Setting <c>recovery.admin_link_hours</c>: how long a recovery an admin sends lives (its code as long).</summary>
    public int AdminRecoveryLifetimeHours { get; init; } = 24;

    /// <summary>Settings <c>rate_limits.*</c>: networks whose addresses have their own, higher limits.</summary>
    public KnownNetworks KnownNetworks { get; init; } = KnownNetworks.None;

    /// <summary>login-flow.md: resend cooldown 60 s (a rule, not a setting).</summary>
    public static TimeSpan ResendCooldown { get; } = TimeSpan.FromSeconds(60);
}
