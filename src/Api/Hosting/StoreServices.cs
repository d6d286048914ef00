using LoginOrchestrator.Api.Outbox;
using LoginOrchestrator.Api.Health;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Settings;
using LoginOrchestrator.Stores.InProcess;
using LoginOrchestrator.Stores.Redis;
using StackExchange.Redis;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// Flows, codes, sessions and deliveries: in Redis when <c>ConnectionStrings__Redis</c> is set, so
/// instances share them; in process otherwise (the embedded default, one instance).
/// </summary>
public static class StoreServices
{
    public static bool UsesRedis(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis"));

    public static IHostApplicationBuilder AddStores(this IHostApplicationBuilder builder)
    {
        if (UsesRedis(builder.Configuration)) AddRedisStores(builder);
        else AddInProcessStores(builder.Services);
        return builder;
    }

    private static void AddRedisStores(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var configuration = ConfigurationOptions.Parse(builder.Configuration.GetConnectionString("Redis")!);
        // Start even while Redis is down, and reconnect by itself: requests answer 503 meanwhile.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 3000);
        configuration.AsyncTimeout = Math.Min(configuration.AsyncTimeout, 3000);
        // With no connection, a command fails at once (503 in milliseconds) instead of waiting in the backlog for one.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        // Replies complete on the .NET thread pool: the client's own scheduler threads took turns with the requests they
        // served on small machines (docs/performance.md, issue 22, session 15). The risk is a pool starved by blocking calls:
        // requests are async; Hangfire's synchronous storage calls block its own worker threads, or one pool thread for a
        // round trip where a job is enqueued (the outbox drainer, a few admin and notice paths).
        configuration.SocketManager = SocketManager.ThreadPool;
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
        services.AddHostedService<RedisClusterCheck>();

        services.AddSingleton<RedisKeys>();
        // The flows' outboxes: written with each flow, drained after the answer by this worker (every instance runs one).
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<RedisFlowOutbox>();
        services.AddHostedService<FlowOutboxWorker>();
        services.AddSingleton<RedisFlowStore>();
        services.AddSingleton<IFlowStore>(sp => sp.GetRequiredService<RedisFlowStore>());
        services.AddSingleton<IExpiredFlowSource>(sp => sp.GetRequiredService<RedisFlowStore>());
        services.AddSingleton<IRecoveryFlowStore, RedisRecoveryFlowStore>();
        services.AddSingleton<ICaptchaCodeStore, RedisCaptchaCodeStore>();
        services.AddSingleton<ISessionStore, RedisSessionStore>();
        services.AddSingleton<IDeliveryStore, RedisDeliveryStore>();
        services.AddSingleton<IAccountLockout, RedisAccountLockout>();
        services.AddSingleton<IRateLimitRefusals, RedisRateLimitRefusals>();
        AddLimits<RedisRequestRateLimiter, RedisCodeSendLimiter>(services);
        services.AddHealthChecks().AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), "redis", tags: [HealthApi.ReadyTag]);
    }

    private static void AddInProcessStores(IServiceCollection services)
    {
        services.AddSingleton<InMemoryFlowStore>();
        services.AddSingleton<IFlowStore>(sp => sp.GetRequiredService<InMemoryFlowStore>());
        services.AddSingleton<IExpiredFlowSource>(sp => sp.GetRequiredService<InMemoryFlowStore>());
        services.AddSingleton<IRecoveryFlowStore, InMemoryRecoveryFlowStore>();
        services.AddSingleton<InMemoryCaptchaCodeStore>();
        services.AddSingleton<ICaptchaCodeStore>(sp => sp.GetRequiredService<InMemoryCaptchaCodeStore>());
        services.AddSingleton<InMemorySessionStore>();
        services.AddSingleton<ISessionStore>(sp => sp.GetRequiredService<InMemorySessionStore>());
        services.AddSingleton<InMemoryDeliveryStore>();
        services.AddSingleton<IDeliveryStore>(sp => sp.GetRequiredService<InMemoryDeliveryStore>());
        services.AddSingleton<IAccountLockout, InMemoryAccountLockout>();
        services.AddSingleton<IRateLimitRefusals, InMemoryRateLimitRefusals>();
        AddLimits<InMemoryRequestRateLimiter, InMemoryCodeSendLimiter>(services);
        // Redis keys expire by themselves; in-process entries are swept by the clean-up job.
        services.AddSingleton<IExpiringStore, CaptchaCodeSweep>();
        services.AddSingleton<IExpiringStore, SessionSweep>();
        services.AddSingleton<IExpiringStore>(sp => sp.GetRequiredService<InMemoryDeliveryStore>());
    }

    /// <summary>The request limits and code caps, each behind the decorator that counts and keeps its refusals.</summary>
    private static void AddLimits<TRequests, TCodes>(IServiceCollection services)
        where TRequests : class, IRequestRateLimiter where TCodes : class, ICodeSendLimiter
    {
        services.AddSingleton<ClientAddressLimits>();
        services.AddSingleton<TRequests>();
        services.AddSingleton<TCodes>();
        services.AddSingleton<IRequestRateLimiter>(sp => ActivatorUtilities.CreateInstance<RecordedRequestRateLimiter>(sp, sp.GetRequiredService<TRequests>()));
        services.AddSingleton<ICodeSendLimiter>(sp => ActivatorUtilities.CreateInstance<RecordedCodeSendLimiter>(sp, sp.GetRequiredService<TCodes>()));
    }
}
