using LoginOrchestrator.Api.Settings;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Templates;
using LoginOrchestrator.Templates.Settings;

namespace LoginOrchestrator.Api.Configuration;

/// <summary>Global settings (policy and message templates) from the database, cached per instance.</summary>
public static class SettingsServices
{
    public static IHostApplicationBuilder AddSettings(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<TemplateValidator>();
        services.AddSingleton<SettingValidator>();
        services.AddSingleton<SettingsCache>();
        services.AddSingleton<MessageTemplates>();
        services.AddSingleton<ILoginPolicySource, SettingsLoginPolicySource>();
        if (StoreServices.UsesRedis(builder.Configuration))
        {
            services.AddSingleton<RedisSettingsChangeSignal>();
            services.AddSingleton<ISettingsChangeSignal>(sp => sp.GetRequiredService<RedisSettingsChangeSignal>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisSettingsChangeSignal>());
        }
        else
            services.AddSingleton<ISettingsChangeSignal, LocalSettingsChangeSignal>();
        services.AddScoped<SettingsAdmin>();

        return builder;
    }
}
