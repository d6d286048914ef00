using Scriban;
using Scriban.Functions;
using Scriban.Runtime;

namespace LoginOrchestrator.Templates;

/// <summary>
/// The context every admin-written template runs in: plain data only, no template loader, and the
/// built-ins that could reach outside the template (<c>include</c>, <c>object.eval</c>) or burn CPU
/// on an admin-supplied pattern (<c>regex</c>) removed. Loops, recursion and output are capped and
/// rendering is cancelled after a timeout.
/// </summary>
public static class TemplateSandbox
{
    public const int MaxOutputLength = 10_000;
    public const int LoopLimit = 200;
    public const int RecursiveLimit = 20;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static readonly string[] RemovedBuiltins = ["include", "include_join", "regex"];
    private static readonly string[] RemovedObjectFunctions = ["eval", "eval_template"];

    public static TemplateContext NewContext(ScriptObject variables, CancellationToken cancellationToken)
    {
        var builtins = new BuiltinFunctions();
        foreach (var name in RemovedBuiltins) builtins.Remove(name);
        if (builtins["object"] is ScriptObject objectFunctions)
            foreach (var name in RemovedObjectFunctions) objectFunctions.Remove(name);

        var context = new TemplateContext(builtins)
        {
            TemplateLoader = null,
            StrictVariables = true,
            LoopLimit = LoopLimit,
            LoopLimitQueryable = LoopLimit,
            RecursiveLimit = RecursiveLimit,
            ObjectRecursionLimit = RecursiveLimit,
            LimitToString = MaxOutputLength,
            OutputLimit = MaxOutputLength,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            CancellationToken = cancellationToken,
        };
        context.PushGlobal(variables);
        return context;
    }
}
