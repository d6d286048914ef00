namespace LoginOrchestrator.WeComSimulator;

/// <summary>
/// <c>dotnet run --project tools/WeComSimulator -- --urls http://127.0.0.1:5090 [--Simulator:UsersFile users.json]</c>.
/// An explicit entry point: a top-level one would be a public global <c>Program</c>, clashing with the API's in the tests.
/// </summary>
internal static class SimulatorProgram
{
    private static void Main(string[] args) => SimulatorApp.Build(args).Run();
}
