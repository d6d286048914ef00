using LoginOrchestrator.Api.AdminSettings;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.InProcess;
using LoginOrchestrator.Stores.Redis;
using LoginOrchestrator.Stores.Settings;
using LoginOrchestrator.Templates.Settings;
using LoginOrchestrator.Templates;

namespace LoginOrchestrator.Api.Hosting;

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
        services.AddSingleton<IMessageTemplates, MessageTemplates>();
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
