using Hangfire;
using LoginOrchestrator.Api.Hosting;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Bench.Load;

/// <summary>
/// The API in this process on the real services (a database and key prefix of its own), for what needs
/// its insides: Redis profiling per request (measure 3) and the clean-up job run on demand (measure 5).
/// </summary>
public sealed class InProcessHost : LoginApiFactory
{
    protected override bool FakeClock => false;

    protected override string Environment => "Production";

    /// <summary>Requests run in the caller's execution context, so the profiling session follows them in.</summary>
    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.Configure<TestServerOptions>(o => o.PreserveExecutionContext = true));

    /// <summary>Started, with its own recurring clean-up off: measure 5 runs the job itself.</summary>
    public static InProcessHost Start()
    {
        // WebApplicationFactory finds the API's content root in MvcTestingAppManifest.json, read from the working directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var host = new InProcessHost();
        host.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(HousekeepingJob.RecurringJobId);
        return host;
    }
}
