using Hangfire.Storage;
using Hangfire;
using LoginOrchestrator.Stores;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// Keeps the recurring clean-up registered: at start and then every <c>Housekeeping__RecurringCheckSeconds</c> (60), on
/// every instance. Redis restarted empty
/// loses Hangfire's recurring jobs; this puts the clean-up back (and says so) instead of waiting for an API restart,
/// and a start while Redis is down does not abort: the job is registered once Redis answers.
/// </summary>
public sealed class RecurringJobsKeeper(
    IRecurringJobManager recurring, JobStorage storage, IOptions<HousekeepingOptions> options, ILogger<RecurringJobsKeeper> logger)
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
                EnsureHousekeeping();
            }
            catch (Exception e) when (DependencyFailure.Is(e))
            {
                logger.LogWarning("The recurring clean-up cannot be checked now ({Error}); trying again in {Seconds} s",
                    e.GetBaseException().Message, (int)CheckEvery.TotalSeconds);
            }
        }
        while (await Tick(timer, stoppingToken));
    }

    /// <summary>The first time, the definition is written whatever is stored (a new release may change it); after that, only when it is gone.</summary>
    private void EnsureHousekeeping()
    {
        if (_registeredOnce)
        {
            using var connection = storage.GetConnection();
            if (connection.GetRecurringJobs([HousekeepingJob.RecurringJobId]).Any(job => !job.Removed)) return;
            logger.LogWarning("The recurring job {JobId} was missing from the job storage (Redis restarted empty?); registering it again",
                HousekeepingJob.RecurringJobId);
        }
        recurring.AddOrUpdate<HousekeepingJob>(HousekeepingJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), HousekeepingCron);
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
