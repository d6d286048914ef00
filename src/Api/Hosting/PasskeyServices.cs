using Fido2NetLib;
using LoginOrchestrator.Api.Account;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;
using LoginOrchestrator.Steps.Passkeys;
using LoginOrchestrator.Stores.Database;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>Passkeys (WebAuthn, by the Fido2 library): the relying party from section <c>WebAuthn</c>, the store, the step.</summary>
public static class PasskeyServices
{
    public static IServiceCollection AddPasskeys(this IServiceCollection services)
    {
        services.AddOptions<PasskeyOptions>().BindConfiguration(PasskeyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IFido2>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PasskeyOptions>>().Value;
            return new Fido2(new Fido2Configuration
            {
                RPID = options.RpId,
                RPName = options.RpName,
                Origins = options.EffectiveOrigins.ToHashSet(),
            });
        });
        services.AddSingleton<PasskeyChallenges>();
        services.AddScoped<IPasskeys, Passkeys>();
        services.AddScoped<ILoginStep, PasskeyStep>();
        services.AddScoped<PasskeyRegistration>();
        return services;
    }
}
