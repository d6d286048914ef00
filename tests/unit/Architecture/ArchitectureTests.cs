using System.Reflection;
using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Steps.Passwords;
using LoginOrchestrator.Stores.Redis;
using LoginOrchestrator.Templates;

namespace LoginOrchestrator.Unit.Tests.Architecture;

/// <summary>docs/architecture.md's reference rules, read off the compiled assemblies.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Orchestrator = typeof(LoginFlowEngine).Assembly;
    private static readonly Assembly Steps = typeof(PasswordStep).Assembly;
    private static readonly Assembly Stores = typeof(RedisKeys).Assembly;
    private static readonly Assembly Templates = typeof(TemplateRenderer).Assembly;

    [Fact]
    public void Orchestrator_references_no_step_no_store_no_http_and_no_io_library()
    {
        References(Orchestrator).Should().NotContain(name =>
            name.StartsWith("LoginOrchestrator.", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || name.StartsWith("StackExchange.Redis", StringComparison.Ordinal)
            || name.StartsWith("System.Net.Http", StringComparison.Ordinal));
    }

    [Fact]
    public void Steps_and_stores_never_reference_the_http_edge()
    {
        References(Steps).Should().NotContain(["LoginOrchestrator.Api", "LoginOrchestrator.Stores"]);
        References(Stores).Should().NotContain(["LoginOrchestrator.Api", "LoginOrchestrator.Steps"]);
        // Of ASP.NET Core only Data Protection (a library, not the HTTP stack): codes and secrets are kept encrypted.
        References(Steps).Should().NotContain(name => IsHttpStack(name));
        References(Stores).Should().NotContain(name => IsHttpStack(name));
    }

    [Fact]
    public void Steps_and_stores_plug_into_the_orchestrator()
    {
        References(Steps).Should().Contain("LoginOrchestrator.Orchestrator");
        References(Stores).Should().Contain("LoginOrchestrator.Orchestrator");
    }

    [Fact]
    public void Templates_stand_alone()
    {
        References(Templates).Should().NotContain(name => name.StartsWith("LoginOrchestrator.", StringComparison.Ordinal));
    }

    private static bool IsHttpStack(string name) =>
        name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
        && !name.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal);

    private static List<string> References(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(a => a.Name!)];
}
