namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// <c>dotnet LoginOrchestrator.Api.dll migrate</c> (or <c>dotnet run --project src/Api -- migrate</c>): creates the
/// database if missing, applies the migrations and the bootstrap admin, then exits; for deployments that start their
/// instances with <c>Database__MigrateOnStartup=false</c>. <c>migrate --script</c> prints the idempotent SQL instead, to
/// apply by hand on one node of a cluster that refuses the migration lock (MariaDB Galera refuses <c>GET_LOCK</c>).
/// </summary>
public static class MigrateCommand
{
    public const string Verb = "migrate";

    public static bool IsInvoked(string[] args) => args is [Verb] or [Verb, "--script"];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var preparation = services.GetRequiredService<DatabasePreparation>();
        if (args is [_, "--script"])
        {
            Console.Out.Write(await preparation.ScriptAsync());
            return 0;
        }
        await preparation.RunAsync(migrate: true, CancellationToken.None);
        Console.Error.WriteLine("The database is migrated.");
        return 0;
    }
}
