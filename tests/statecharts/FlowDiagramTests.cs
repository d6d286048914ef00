using LoginOrchestrator.Orchestrator.Recovery;
using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Statecharts.Tests;

/// <summary>docs/flows/*.mermaid are the machines' own exports, so a diagram can never go stale.</summary>
public sealed class FlowDiagramTests
{
    [Fact]
    public void CommittedDiagramIsTheMachinesOwnExport() => CheckDiagram("login.mermaid", LoginMachine.Diagram());

    [Fact]
    public void CommittedRecoveryDiagramIsTheMachinesOwnExport() => CheckDiagram("recovery.mermaid", RecoveryMachine.Diagram());

    private static void CheckDiagram(string file, string diagram)
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "flows", file);
        var exported = diagram.ReplaceLineEndings("\n");

        // UPDATE_FLOW_DIAGRAMS=1 dotnet test tests/statecharts regenerates the file after a deliberate change.
        if (Environment.GetEnvironmentVariable("UPDATE_FLOW_DIAGRAMS") == "1")
            File.WriteAllText(path, exported);

        File.Exists(path).Should().BeTrue($"{path} is generated from the machine");
        File.ReadAllText(path).ReplaceLineEndings("\n").Should().Be(exported,
            $"docs/flows/{file} must be regenerated (UPDATE_FLOW_DIAGRAMS=1) when the machine changes");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LoginOrchestrator.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }
}
