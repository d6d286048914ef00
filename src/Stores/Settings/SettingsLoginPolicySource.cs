using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Templates.Settings;
using static LoginOrchestrator.Templates.Settings.SettingCatalog;

namespace LoginOrchestrator.Stores.Settings;

/// <summary>
/// The login policy as the global settings say it now: built once per settings snapshot, not per request (every
/// step and every read of a flow asks for it; the build parses JSON values and networks).
/// </summary>
public sealed class SettingsLoginPolicySource(SettingsCache settings) : ILoginPolicySource
{
    private sealed record Built(SettingsSnapshot From, LoginPolicy Policy);

    private Built? _built;

    public async Task<LoginPolicy> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = await settings.GetAsync(cancellationToken);
        if (_built is { } built && ReferenceEquals(built.From, snapshot)) return built.Policy;
        var policy = Build(snapshot);
        _built = new Built(snapshot, policy);
        return policy;
    }

    private static LoginPolicy Build(SettingsSnapshot s)
    {
        var scope = s.Json<ScopeConfig>(TwoFactor, "scope");
        return new LoginPolicy
        {
            Type = s.String(Authentication, "type") == "two_factor" ? AuthenticationType.TwoFactor : AuthenticationType.None,
            AdminRequiresOtp = s.Bool(Authentication, "admin_requires_otp"),
            PasswordFallbackEnabled = s.Bool(Authentication, "password_fallback_enabled"),
            SendMethod = s.String(TwoFactor, "send_method") switch { "sms" => SendMethod.Sms, "wecom" => SendMethod.WeCom, _ => SendMethod.Email },
            CodeExpireSeconds = s.Int(TwoFactor, "expire_seconds"),
            CodeLength = s.Int(TwoFactor, "code_length"),
            Scope = new TwoFactorScope(scope.Categories, scope.Departments, scope.Profiles),
            FlowLifetimeSeconds = s.Int(Flow, "lifetime_seconds"),
            MaxAttempts = s.Int(Flow, "max_attempts"),
            SessionAbsoluteLifetimeSeconds = s.Int(Session, "absolute_lifetime_seconds"),
            SessionIdleTimeoutSeconds = s.Int(Session, "idle_timeout_seconds"),
            Lockout = new LockoutPolicy(
                s.Int(Lockout, "max_failures"), s.Int(Lockout, "wait_increment_seconds"), s.Int(Lockout, "max_wait_seconds")),
            SharedContactsAllowed = s.Bool(TwoFactor, "shared_contacts_allowed"),
            RememberDeviceDays = s.Int(Authentication, "remember_device_days"),
            PasskeysAllowed = s.Bool(Authentication, "passkeys_allowed"),
            AdminRequiresPasskey = s.Bool(Authentication, "admin_requires_passkey"),
            RecoveryEnabled = s.Bool(Recovery, "enabled"),
            RecoveryLifetimeSeconds = s.Int(Recovery, "lifetime_seconds"),
            AdminRecoveryLifetimeHours = s.Int(Recovery, "admin_link_hours"),
            KnownNetworks = new KnownNetworks(
                [.. s.Json<NetworksConfig>(RateLimits, "known_networks").Networks.Select(System.Net.IPNetwork.Parse)],
                s.Int(RateLimits, "known_network_attempts_per_minute"), s.Int(RateLimits, "known_network_failures_per_hour"),
                s.Int(RateLimits, "known_network_codes_per_day")),
        };
    }
}
