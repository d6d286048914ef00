namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>Who is asking: for the audit, rate limits and the message language.</summary>
public sealed record ClientInfo(string? IpAddress, string? UserAgent, string Language);
