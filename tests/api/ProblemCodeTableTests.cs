using System.Reflection;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Orchestrator.Engine;

namespace LoginOrchestrator.Api.Tests;

/// <summary>The one code → status table covers every code a refusal can carry.</summary>
public sealed class ProblemCodeTableTests
{
    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var type in new[] { typeof(FlowCodes), typeof(ProblemCodes) })
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
                if ((string)field.GetRawConstantValue()! is var code && !FlowCodes.MessageOnly.Contains(code)) data.Add(code);
        return data;
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryCodeHasAStatus(string code)
    {
        var status = ProblemCodes.StatusOf(code);
        status.Should().BeInRange(400, 599, "{0} is a refusal", code);
    }

    [Fact]
    public void AnUnknownCodeIsABugNotASilent400() =>
        FluentActions.Invoking(() => ProblemCodes.StatusOf("no_such_code")).Should().Throw<ArgumentOutOfRangeException>();
}
