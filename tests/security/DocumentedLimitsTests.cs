using System.Text.RegularExpressions;
using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Security.Tests;

/// <summary>Issue 15.12: docs/security.md states the limits the service enforces, not others.</summary>
public sealed partial class DocumentedLimitsTests
{
    [Fact]
    public void TheThreatModelNamesTheSendsPerFlowTheMachineAllows()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "security.md"));

        var stated = SendsPerFlow().Matches(doc).Select(m => int.Parse(m.Groups[1].Value)).ToList();

        stated.Should().NotBeEmpty("the threat model names the sends a flow allows");
        stated.Should().AllBeEquivalentTo(LoginMachine.MaxCaptchaSends);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LoginOrchestrator.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root is not above the test binaries.");
    }

    [GeneratedRegex(@"(\d+) sends per flow")]
    private static partial Regex SendsPerFlow();
}
