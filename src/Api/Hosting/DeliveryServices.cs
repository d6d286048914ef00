using LoginOrchestrator.Steps.Notices;
using Hangfire.Redis.StackExchange;
using Hangfire.States;
using Hangfire;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Steps.Delivery;
using LoginOrchestrator.Stores.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>Code delivery and the background jobs that run it (Hangfire).</summary>
public static class DeliveryServices
{
    public static IHostApplicationBuilder AddDelivery(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            // The messages' app name is the service's (Login:AppName), whatever the Delivery section says. Read from the
            // configuration, not from LoginOptions: a bad Login section must fail the start once, not again in here.
            .Configure<IConfiguration>((delivery, configuration) =>
                delivery.AppName = configuration[$"{LoginOptions.Section}:{nameof(LoginOptions.AppName)}"] ?? delivery.AppName);
        services.AddOptions<HousekeepingOptions>().BindConfiguration(HousekeepingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DeliveryMessageProtector>();
        services.AddSingleton<ICodeDispatcher, CodeDispatcher>();
        services.AddSingleton(sp => new OutboxFolder(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolveOutbox(builder.Environment.ContentRootPath),
            sp.GetRequiredService<TimeProvider>()));

        if (string.IsNullOrEmpty(builder.Configuration[$"{MailOptions.Section}:Host"]))
            services.AddSingleton<ICodeChannel, OutboxEmailChannel>();
        else
        {
            services.AddSingleton<SmtpConnections>();
            services.AddSingleton<ICodeChannel, SmtpEmailChannel>();
        }
        if (builder.Configuration[$"{SmsOptions.Section}:Provider"] == "webhook")
        {
            services.AddHttpClient<WebhookSmsChannel>(http => http.Timeout = TimeSpan.FromSeconds(10));
            services.AddTransient<ICodeChannel>(sp => sp.GetRequiredService<WebhookSmsChannel>());
        }
        else
        {
            services.AddSingleton<ICodeChannel, OutboxSmsChannel>();
        }

        services.AddScoped<SendCodeJob>();
        services.AddSingleton<IAccountNotices, AccountNoticeQueue>();
        services.AddScoped<NoticeJob>();
        services.AddScoped<HousekeepingJob>();

        // Storage is created lazily through DI: Hangfire's process-wide state must not capture a
        // logger factory of a host that is gone (see stack-notes.md).
        var onRedis = StoreServices.UsesRedis(builder.Configuration);
        services.AddHangfire((sp, configuration) =>
        {
            configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (onRedis)
                configuration.UseRedisStorage(sp.GetRequiredService<IConnectionMultiplexer>(), new RedisStorageOptions
                {
                    Prefix = sp.GetRequiredService<IOptions<RedisOptions>>().Value.HangfirePrefix,
                    // Workers wake on a pub/sub notice and otherwise poll at this interval (3 min by default):
                    // a notice missed (one sent before the subscription was up) must not hold a code for minutes.
                    FetchTimeout = TimeSpan.FromSeconds(1),
                    // A job whose worker died is fetched again after this: well inside a code's lifetime, and past the
                    // longest try (Delivery__SendTimeoutSeconds, 10 s) so a live send is not run twice.
                    InvisibilityTimeout = TimeSpan.FromSeconds(30),
                });
            else
                configuration.UseInMemoryStorage();
        });
        // Housekeeping and anything else on the default queue...
        services.AddHangfireServer(options =>
        {
            options.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            options.Queues = [EnqueuedState.DefaultQueue];
        });
        // ...and code sends on workers of their own: I/O-bound, so more than the cores, and never behind a clean-up.
        var delivery = builder.Configuration.GetSection(DeliveryOptions.Section).Get<DeliveryOptions>() ?? new DeliveryOptions();
        services.AddHangfireServer(options =>
        {
            options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:delivery";
            options.WorkerCount = delivery.Workers;
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            options.Queues = [SendCodeJob.Queue];
        });
        services.AddHostedService<RecurringJobsKeeper>();
        return builder;
    }
}
