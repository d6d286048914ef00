using System.Text;
using LoginOrchestrator.Api.AdminUsers;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Policy;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// <c>dotnet run --project src/Api -- admin …</c>: what an operator without a UI needs, against the configured
/// database and stores. Passwords are read from standard input (or typed unechoed), never from the command line,
/// so they stay out of shell history and process lists.
/// </summary>
public static class AdminCommand
{
    public const string Verb = "admin";

    private const string Usage = """
        usage: dotnet run --project src/Api -- admin <command>
          create-admin <userId> [<name>]   create an admin; the password is read from standard input
          reset-password <userId>          set a new password (read from standard input); ends the user's sessions and lifts a lock-out
          unlock <userId>                  lift a lock-out
        """;

    public static bool IsInvoked(string[] args) => args is [Verb, ..];

    /// <summary>Runs the command; returns the process exit code (0 done, 1 refused, 2 usage).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        switch (args[1..])
        {
            case ["create-admin", var userId, .. var rest]:
                var created = await users.CreateAsync(
                    new NewUser(userId, rest is [var name, ..] ? name : userId, Roles.Admin, null, null, ReadPassword()), Audit.AdminActor.Operator, CancellationToken.None);
                return Report(created.Refusal, $"admin {userId} created");
            case ["reset-password", var userId]:
                return Report(await users.ResetPasswordAsync(userId, ReadPassword(), Audit.AdminActor.Operator, CancellationToken.None), $"password of {userId} reset");
            case ["unlock", var userId]:
                return Report(await users.UnlockAsync(userId, Audit.AdminActor.Operator, CancellationToken.None) ? null : Refusal.UserNotFound, $"{userId} unlocked");
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static int Report(Refusal? refusal, string done)
    {
        if (refusal is null)
        {
            Console.WriteLine(done);
            return 0;
        }
        Console.Error.WriteLine($"refused ({refusal.Code}): {refusal.Detail}");
        return 1;
    }

    private static string ReadPassword()
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine() ?? "";
        Console.Error.Write("password: ");
        var password = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (password.Length > 0) password.Length--; }
            else if (!char.IsControl(key.KeyChar)) password.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return password.ToString();
    }
}
