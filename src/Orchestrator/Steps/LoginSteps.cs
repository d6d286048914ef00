using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Orchestrator.Steps;

/// <summary>The registered steps, one per external action; a missing or doubled one stops the start.</summary>
public sealed class LoginSteps
{
    private readonly Dictionary<LoginTrigger, ILoginStep> _byAction;

    public LoginSteps(IEnumerable<ILoginStep> steps)
    {
        _byAction = [];
        foreach (var step in steps)
        {
            if (!step.Action.IsExternal()) throw new ArgumentException($"{step.GetType().Name} answers {step.Action}, an internal trigger.");
            if (!_byAction.TryAdd(step.Action, step)) throw new ArgumentException($"Two steps answer {step.Action}.");
        }
        var missing = LoginTriggers.External.Where(a => !_byAction.ContainsKey(a)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"No step answers {string.Join(", ", missing)}.");
    }

    public ILoginStep For(LoginTrigger action) => _byAction[action];
}
