using LoginOrchestrator.Api.Outbox;
using LoginOrchestrator.Api.Recovery;
using LoginOrchestrator.Steps.Recovery;
using LoginOrchestrator.Orchestrator.Recovery;
using LoginOrchestrator.Api.Account;
using LoginOrchestrator.Api.AdminUsers;
using LoginOrchestrator.Api.Login;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;
using LoginOrchestrator.Steps.Bind;
using LoginOrchestrator.Steps.Captcha;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Steps.Passwords;
using LoginOrchestrator.Steps.WeCom;
using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Stores.Sessions;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>The login engine, its steps and the embedded in-process stores.</summary>
public static class LoginServices
{
    public static IHostApplicationBuilder AddLogin(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IOutboxHandler, FlowOutboxHandler>();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LoginOptions>().BindConfiguration(LoginOptions.Section)
            .Validate(login => login.PublicOrigin is null || LoginOptions.IsOrigin(login.PublicOrigin),
                "Login:PublicOrigin must be an origin: http(s)://host[:port], no path.")
            // A malformed prefix stops the start, rather than refusing every returnTo later.
            .Validate(login => login.AllowedReturnUrls.All(LoginOptions.IsReturnUrlPrefix),
                "Login:AllowedReturnUrls holds absolute http(s) URL prefixes, without query or fragment.")
            .Validate<IOptions<WeComOptions>>((login, weCom) => !weCom.Value.Configured || login.PublicOrigin is not null,
                "Login:PublicOrigin is required with WeCom: WeCom's redirect_uri is built from it.")
            .ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.AddPolicy<string, LoginRateLimit>(LoginRateLimit.Policy);
        });

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IPasswordHasher>(sp => new BcryptPasswordHasher(sp.GetRequiredService<IOptions<SecurityOptions>>().Value.BcryptWorkFactor));
        services.AddSingleton<ReturnUrlPolicy>();

        services.AddSingleton<CaptchaCodes>();
        services.AddSingleton<ServerSecrets>();
        services.AddSingleton<ICodeHashKey>(sp => sp.GetRequiredService<ServerSecrets>());
        services.AddSingleton<SessionService>();
        services.AddSingleton<SessionEpochs>();
        services.AddScoped<Sessions.SessionControl>();
        services.AddSingleton<ISessionIssuer>(sp => sp.GetRequiredService<SessionService>());
        services.AddSingleton<TotpSecretProtector>();
        services.AddSingleton<ISessionRevocation, SessionRevocation>();

        // Per request: they read and write the database.
        services.AddScoped<ITotpStepLedger, DatabaseTotpStepLedger>();
        services.AddScoped<TotpVerifier>();
        services.AddScoped<IUserAccounts, UserAccounts>();
        services.AddScoped<IRecoveryCodes, RecoveryCodes>();
        services.AddScoped<LoginAudit>();
        services.AddScoped<ILoginAudit>(sp => sp.GetRequiredService<LoginAudit>());
        services.AddScoped<BootstrapAdmin>();
        services.AddScoped<RecoveryCodeSets>();
        services.AddScoped<OtpEnrolment>();
        services.AddScoped<PasswordChange>();
        services.AddScoped<ContactChange>();
        services.AddScoped<Stores.Database.ApiKeys>();
        services.AddScoped<RememberedDevices>();
        services.AddScoped<IRememberedDevices>(sp => sp.GetRequiredService<RememberedDevices>());
        services.AddSingleton<IExpiringStore, RememberedDeviceSweep>();
        services.AddSingleton<AgentPresence>();
        services.AddSingleton<IExpiringStore>(sp => sp.GetRequiredService<AgentPresence>());
        services.AddScoped<Sessions.DeviceControl>();
        services.AddScoped<RecentAuthentication>();
        services.AddScoped<UserAdministration>();
        AddSteps(services);
        services.AddPasskeys();
        services.AddScoped<LoginPorts>();
        services.AddScoped<LoginFlowEngine>();
        AddRecovery(services);

        return builder;
    }

    /// <summary>Password recovery: its engine, one step per external action, the code's job, the admin's send.</summary>
    private static void AddRecovery(IServiceCollection services)
    {
        services.AddScoped<IRecoveryStep, IdentifyStep>();
        services.AddScoped<IRecoveryStep, ResendRecoveryCodeStep>();
        services.AddScoped<IRecoveryStep, RecoveryCodeCheckStep>();
        services.AddScoped<IRecoveryStep, RecoveryTotpStep>();
        services.AddScoped<IRecoveryStep, RecoveryBackupCodeStep>();
        services.AddScoped<IRecoveryStep, NewPasswordStep>();
        services.AddScoped<RecoverySteps>();
        services.AddScoped<IRecoveryAudit>(sp => sp.GetRequiredService<LoginAudit>());
        services.AddSingleton<IRecoveryCodeQueue, RecoveryCodeQueue>();
        services.AddScoped<RecoveryCodeJob>();
        services.AddScoped<RecoveryPorts>();
        services.AddScoped<RecoveryEngine>();
        services.AddScoped<AdminRecovery>();
    }

    /// <summary>One step per external action of the machine (<see cref="LoginSteps"/> refuses a gap or a double).</summary>
    private static void AddSteps(IServiceCollection services)
    {
        services.AddScoped<ILoginStep, PasswordStep>();
        services.AddScoped<ILoginStep, WeComOAuthStep>();
        services.AddScoped<ILoginStep, TotpStep>();
        services.AddScoped<ILoginStep, RecoveryCodeStep>();
        services.AddScoped<ILoginStep, BindStep>();
        services.AddScoped<ILoginStep, ResendCaptchaStep>();
        services.AddScoped<ILoginStep, CaptchaStep>();
        services.AddScoped<LoginSteps>();
        services.AddScoped<ICaptchaSender, CaptchaSender>();
        services.AddScoped<DepartedMembers>();
        services.AddSingleton(sp => new WeComAuthorizeUrl(
            sp.GetRequiredService<IOptions<WeComOptions>>().Value, sp.GetRequiredService<IOptions<LoginOptions>>().Value.PublicOrigin));
    }
}
