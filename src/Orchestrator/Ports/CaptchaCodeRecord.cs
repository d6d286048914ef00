namespace LoginOrchestrator.Orchestrator.Ports;

/// <summary>
/// The one live captcha code of a flow, as stored: only keyed hashes of it, beside the channel and the target it was sent
/// to; a new code replaces the record whole. <see cref="CheckHash"/> binds the code to the flow, so an answer is checked
/// without reading the record first; <see cref="CodeHash"/> binds flow, channel and target too, as earlier versions
/// check it (kept while instances of an earlier version may still read records during an upgrade).
/// </summary>
public sealed record CaptchaCodeRecord(
    string FlowId,
    string Channel,
    string Target,
    byte[] CodeHash,
    DateTimeOffset ExpiresAt,
    int WrongAttempts = 0,
    byte[]? CheckHash = null);

/// <summary>What checking an answer against the flow's live code found (<see cref="ICaptchaCodeStore.CheckAsync"/>).</summary>
public enum CaptchaCheckOutcome
{
    /// <summary>No live code: none, used, or killed by wrong answers.</summary>
    Dead,
    Expired,
    /// <summary>Wrong: counted against the code (which died at the limit).</summary>
    Wrong,
    /// <summary>Right: the code is consumed, by this check alone.</summary>
    Accepted,
    /// <summary>A code an earlier version stored (its hash binds channel and target too): check it by reading it.</summary>
    Unchecked,
}

/// <summary>The outcome, and for an accepted code the channel and target it was sent to (what a code proves).</summary>
public sealed record CaptchaCheck(CaptchaCheckOutcome Outcome, string? Channel = null, string? Target = null);
