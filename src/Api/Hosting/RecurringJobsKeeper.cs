using Hangfire.Storage;
using Hangfire;
using LoginOrchestrator.Api.Sync;
using LoginOrchestrator.Steps.WeCom;
using LoginOrchestrator.Stores;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// Keeps the recurring jobs registered (the clean-up; the directory sync's check when WeCom is configured): at start and then every <c>Housekeeping__RecurringCheckSeconds</c> (60), on
/// every instance. Redis restarted empty
/// loses Hangfire's recurring jobs; this puts the clean-up back (and says so) instead of waiting for an API restart,
/// and a start while Redis is down does not abort: the job is registered once Redis answers.
/// </summary>
public sealed class RecurringJobsKeeper(
    IRecurringJobManager recurring, JobStorage storage, IOptions<HousekeepingOptions> options, IOptions<WeComOptions> weCom,
    ILogger<RecurringJobsKeeper> logger)
    : BackgroundService
{
    public const string HousekeepingCron = "*/5 * * * *";

    private bool _registeredOnce;

    private TimeSpan CheckEvery => TimeSpan.FromSeconds(options.Value.RecurringCheckSeconds);

    /// <remarks>Real time, not the host's <see cref="TimeProvider"/>: this watches the job storage, not the login's clock.</remarks>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery);
        do
        {
            try
            {
                EnsureJobs();
            }
            catch (Exception e) when (DependencyFailure.Is(e))
            {
                logger.LogWarning("The recurring clean-up cannot be checked now ({Error}); trying again in {Seconds} s",
                    e.GetBaseException().Message, (int)CheckEvery.TotalSeconds);
            }
        }
        while (await Tick(timer, stoppingToken));
    }

    /// <summary>The first time, the definitions are written whatever is stored (a new release may change them); after that, only when gone.</summary>
    private void EnsureJobs()
    {
        var jobs = new List<(string Id, Action Register)>
        {
            (HousekeepingJob.RecurringJobId, () => recurring.AddOrUpdate<HousekeepingJob>(HousekeepingJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), HousekeepingCron)),
        };
        if (weCom.Value.Configured)
            jobs.Add((DirectorySyncJob.RecurringJobId, () => recurring.AddOrUpdate<DirectorySyncJob>(DirectorySyncJob.RecurringJobId, job => job.RunIfDueAsync(CancellationToken.None), DirectorySyncJob.Cron)));
        if (_registeredOnce)
        {
            using var connection = storage.GetConnection();
            var present = connection.GetRecurringJobs([.. jobs.Select(j => j.Id)]).Where(job => !job.Removed).Select(job => job.Id).ToHashSet();
            jobs = [.. jobs.Where(j => !present.Contains(j.Id))];
            foreach (var (id, _) in jobs)
                logger.LogWarning("The recurring job {JobId} was missing from the job storage (Redis restarted empty?); registering it again", id);
        }
        foreach (var (_, register) in jobs) register();
        _registeredOnce = true;
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
