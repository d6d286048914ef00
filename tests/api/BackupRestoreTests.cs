using System.Diagnostics;
using LoginOrchestrator.Steps.Otp;
using LoginOrchestrator.Tests.Support;
using MySqlConnector;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// Issue 24.5, README "Deploy": what the backup holds is enough. A mariadb-dump of the database, restored into a new
/// database, with the key ring's certificate beside it, serves a fresh instance (new data folder, empty Redis keys)
/// that signs the user in with their password and TOTP: the secret decrypts with the restored key ring.
/// </summary>
public sealed class BackupRestoreTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    [Fact]
    public async Task ADumpRestoredIntoAFreshInstanceSignsInWithTotp()
    {
        var secret = TotpSecrets.New();
        await factory.AddUserAsync("restored", "Restored-Pass-2026", totpSecret: secret);
        var source = new MySqlConnectionStringBuilder(factory.DatabaseConnection);
        var dump = Path.Combine(Directory.CreateDirectory(factory.DataDirectory).FullName, "backup.sql");

        await RunAsync("mariadb-dump", source, ["--single-transaction", "--result-file", dump, source.Database]);
        var restoredName = $"{factory.DatabaseName}_restored";
        await using (var connection = new MySqlConnection(new MySqlConnectionStringBuilder(factory.DatabaseConnection) { Database = "" }.ConnectionString))
        {
            await connection.OpenAsync();
            await new MySqlCommand($"CREATE DATABASE `{restoredName}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection).ExecuteNonQueryAsync();
        }
        await RunAsync("mariadb", source, [restoredName, "-e", $"source {dump}"]);

        var settings = factory.SharedSettings.ToDictionary();
        settings["ConnectionStrings:Database"] = new MySqlConnectionStringBuilder(factory.DatabaseConnection) { Database = restoredName }.ConnectionString;
        settings["Redis:KeyPrefix"] = $"{factory.RedisPrefix}restored:";
        settings["Redis:HangfirePrefix"] = $"{{{factory.RedisPrefix}restored:hangfire}}:";
        await using var fresh = await ApiProcess.StartAsync(settings, Path.Combine(factory.DataDirectory, "restored"));
        var client = new FlowClient(fresh.Client);

        var challenge = await client.LoginAsync("restored", "Restored-Pass-2026");
        challenge.State.Should().Be("OtpChallenge");
        // The instance runs on real time (another process).
        var issued = await client.PostAsync(FlowClient.Id(challenge), "otp", new { code = new OtpNet.Totp(secret).ComputeTotp() });

        issued.State.Should().Be("Issued", issued.Body.ToString());
    }

    /// <summary>A MariaDB client tool against the test server, its password in the environment (not the command line).</summary>
    private static async Task RunAsync(string tool, MySqlConnectionStringBuilder server, string[] args)
    {
        var start = new ProcessStartInfo(tool, ["--host", server.Server, "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--user", server.UserID, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["MYSQL_PWD"] = server.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {process.ExitCode}: {await error}{await output}");
    }
}
