using LoginOrchestrator.Orchestrator.Machine;

namespace LoginOrchestrator.Orchestrator.Steps;

/// <summary>
/// One factor's step: answers one external action of the machine. The engine's frame has taken the lease, expired the
/// flow if its time was up, accepted the action (the machine offers it), and refused a locked <see cref="SubjectOf"/>;
/// the step checks the answer and says what it found. Steps live in <c>src/Steps/&lt;Factor&gt;/</c>.
/// </summary>
public interface ILoginStep
{
    /// <summary>The external trigger (one REST action) this step answers.</summary>
    LoginTrigger Action { get; }

    /// <summary>The user the answer is about, checked against the lock-out before the step runs; null when only the step can tell.</summary>
    string? SubjectOf(StepContext context, StepInput input);

    /// <summary>
    /// The user the input itself names (a typed user id), known before the flow is read: the frame reads that user's
    /// lock beside the flow, in the same round trip. Null for inputs that name nobody.
    /// </summary>
    string? NamedSubject(StepInput input);

    /// <summary>The action as the flow answer shows it: its name, path and fields.</summary>
    StepAction Describe(StepView view);

    Task<StepOutcome> HandleAsync(StepContext context, StepInput input);
}

/// <summary>A step that takes one kind of input.</summary>
public abstract class LoginStep<TInput> : ILoginStep where TInput : StepInput
{
    public abstract LoginTrigger Action { get; }

    public abstract StepAction Describe(StepView view);

    string? ILoginStep.SubjectOf(StepContext context, StepInput input) => SubjectOf(context, Cast(input));

    string? ILoginStep.NamedSubject(StepInput input) => input is TInput typed ? NamedSubject(typed) : null;

    Task<StepOutcome> ILoginStep.HandleAsync(StepContext context, StepInput input) => HandleAsync(context, Cast(input));

    /// <summary>By default the user the flow has found (second factors); null before the first factor passed.</summary>
    protected virtual string? SubjectOf(StepContext context, TInput input) => context.Flow.UserId;

    /// <summary>By default nobody: second factors' user is the flow's.</summary>
    protected virtual string? NamedSubject(TInput input) => null;

    protected abstract Task<StepOutcome> HandleAsync(StepContext context, TInput input);

    private TInput Cast(StepInput input) => input as TInput
        ?? throw new ArgumentException($"{Action} takes {typeof(TInput).Name}, not {input.GetType().Name}.", nameof(input));
}
