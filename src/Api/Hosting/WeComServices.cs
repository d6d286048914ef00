using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.WeCom;
using LoginOrchestrator.Stores.InProcess;
using LoginOrchestrator.Stores.Redis;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>WeCom: the directory and OAuth client and the message channel when <c>WeCom__CorpId</c> is set.</summary>
public static class WeComServices
{
    public static IHostApplicationBuilder AddWeCom(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WeComOptions>().BindConfiguration(WeComOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var weCom = builder.Configuration.GetSection(WeComOptions.Section).Get<WeComOptions>() ?? new WeComOptions();
        if (!weCom.Configured)
        {
            services.AddSingleton<IUserDirectory, UnconfiguredDirectory>();
            return builder;
        }

        if (StoreServices.UsesRedis(builder.Configuration)) services.AddSingleton<IWeComTokenStore, RedisWeComTokenStore>();
        else services.AddSingleton<IWeComTokenStore, InProcessWeComTokenStore>();

        services.AddScoped<WeComDirectoryReader>();
        services.AddScoped<Sync.DirectorySync>();
        services.AddScoped<Sync.DirectorySyncJob>();
        services.AddHttpClient<WeComClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<WeComOptions>>().Value.BaseUrl)
            // Request logs would carry the access token in the query string: the client logs for itself.
            .RemoveAllLoggers()
            .AddStandardResilienceHandler(resilience =>
            {
                // A person is waiting at the login form: short tries, a short total, then "unavailable".
                resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
                resilience.Retry.MaxRetryAttempts = 2;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(100);
                resilience.Retry.DisableForUnsafeHttpMethods(); // never send a message twice
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(6);
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
                resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(5);
            });
        services.AddScoped<IUserDirectory, WeComDirectory>();
        services.AddTransient<ICodeChannel, WeComMessageChannel>();
        return builder;
    }
}
