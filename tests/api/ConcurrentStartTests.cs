using LoginOrchestrator.Tests.Support;
using MySqlConnector;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// Issue 21.4: instances started together on an empty MariaDB both come up, every time: the database is created once,
/// migrated once (the migration lock), and the bootstrap admin exists once.
/// </summary>
public sealed class ConcurrentStartTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private const int Trials = 20;

    [Fact]
    public async Task TwoInstancesStartedTogetherOnAnEmptyDatabaseBothComeUp()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            var database = $"lo_t_{factory.RunId}_race{trial}";
            var settings = factory.SharedSettings.ToDictionary();
            settings["ConnectionStrings:Database"] = $"{TestServices.MySql};Database={database}";
            settings["Redis:KeyPrefix"] = $"{factory.RedisPrefix}race{trial}:";
            settings["Redis:HangfirePrefix"] = $"{{{factory.RedisPrefix}race{trial}:hangfire}}:";
            settings["Bootstrap:AdminUserId"] = "admin";
            settings["Bootstrap:AdminPassword"] = "race-Admin-Pass-2026";
            try
            {
                // Two fresh processes migrating a database beside the rest of the suite on 2 cores can take minutes to be
                // ready; what is tested is that both get there, not how fast.
                var starting = Enumerable.Range(0, 2)
                    .Select(i => ApiProcess.StartAsync(settings, Path.Combine(factory.DataDirectory, $"race{trial}-{i}"), TimeSpan.FromMinutes(3))).ToList();
                var outcomes = await Task.WhenAll(starting.Select(async start =>
                {
                    try { return (Instance: await start, Error: (string?)null); }
                    catch (Exception e) { return (Instance: (ApiProcess?)null, Error: e.Message); }
                }));
                foreach (var (instance, _) in outcomes) if (instance is not null) await instance.DisposeAsync();

                outcomes.Select(o => o.Error).Should().AllSatisfy(error => error.Should().BeNull($"trial {trial}: both instances come up"));
                (await CountAsync(database, "SELECT COUNT(*) FROM user_account WHERE NormalizedUserId = 'admin'")).Should().Be(1, $"trial {trial}: one bootstrap admin");
            }
            finally
            {
                await CountAsync(null, $"DROP DATABASE IF EXISTS `{database}`");
            }
        }
    }

    private static async Task<long> CountAsync(string? database, string sql)
    {
        await using var connection = new MySqlConnection(database is null ? TestServices.MySql : $"{TestServices.MySql};Database={database}");
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
    }
}
