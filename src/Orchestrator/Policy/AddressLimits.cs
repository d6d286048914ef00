namespace LoginOrchestrator.Orchestrator.Policy;

/// <summary>The limits one client address is held to now.</summary>
public sealed record AddressLimits(int AttemptsPerMinute, int FailuresPerHour, int CodesPerDay, bool KnownNetwork);
