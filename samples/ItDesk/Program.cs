namespace LoginOrchestrator.Samples.ItDesk;

/// <summary>
/// <c>dotnet run --project samples/ItDesk -- --urls http://127.0.0.1:5100 --ItDesk:Authority http://127.0.0.1:5080
/// --ItDesk:ClientId itdesk --ItDesk:ClientSecret …</c>. An explicit entry point: a top-level one would be a public
/// global <c>Program</c>, clashing with the service's in the tests.
/// </summary>
internal static class ItDeskProgram
{
    private static void Main(string[] args) => ItDeskApp.Build(args).Run();
}
