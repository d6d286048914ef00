using LoginOrchestrator.Orchestrator.Steps;

namespace LoginOrchestrator.Orchestrator.Recovery;

/// <summary>
/// One recovery step: answers one external action. The engine has taken the lease, expired the flow if its time was
/// up and accepted the action; the step checks the answer and says what it found. Steps live in <c>src/Steps/Recovery/</c>.
/// </summary>
public interface IRecoveryStep
{
    RecoveryTrigger Action { get; }

    /// <summary>The action as the flow answer shows it: its name, path (below the flow's) and fields.</summary>
    StepAction Describe();

    Task<RecoveryOutcome> HandleAsync(RecoveryContext context, StepInput input);
}

/// <summary>A recovery step that takes one kind of input.</summary>
public abstract class RecoveryStep<TInput> : IRecoveryStep where TInput : StepInput
{
    public abstract RecoveryTrigger Action { get; }

    public abstract StepAction Describe();

    Task<RecoveryOutcome> IRecoveryStep.HandleAsync(RecoveryContext context, StepInput input) => HandleAsync(context,
        input as TInput ?? throw new ArgumentException($"{Action} takes {typeof(TInput).Name}, not {input.GetType().Name}.", nameof(input)));

    protected abstract Task<RecoveryOutcome> HandleAsync(RecoveryContext context, TInput input);
}

/// <summary>The registered recovery steps, one per external action; a missing or doubled one stops the start.</summary>
public sealed class RecoverySteps
{
    private readonly Dictionary<RecoveryTrigger, IRecoveryStep> _byAction = [];

    public RecoverySteps(IEnumerable<IRecoveryStep> steps)
    {
        foreach (var step in steps)
        {
            if (!step.Action.IsExternal()) throw new ArgumentException($"{step.GetType().Name} answers {step.Action}, an internal trigger.");
            if (!_byAction.TryAdd(step.Action, step)) throw new ArgumentException($"Two steps answer {step.Action}.");
        }
        var missing = RecoveryTriggers.External.Where(a => !_byAction.ContainsKey(a)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"No step answers {string.Join(", ", missing)}.");
    }

    public IRecoveryStep For(RecoveryTrigger action) => _byAction[action];
}
