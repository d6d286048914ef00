using LoginOrchestrator.Orchestrator.Steps;

namespace LoginOrchestrator.Steps.Recovery;

/// <summary>Who is recovering: a user id as typed (canonical from here on).</summary>
public sealed record IdentifierInput(string UserId) : StepInput;

public sealed record NewPasswordInput(string Password) : StepInput;
