namespace LoginOrchestrator.Orchestrator.Recovery;

/// <summary>
/// A password recovery in progress, persisted between requests like a login flow. Until its code is proven the flow
/// shows nothing of the account (no enumeration): the user id asked for is kept for the code's job and the audit only.
/// </summary>
public sealed class RecoveryFlow
{
    public required string Id { get; init; }
    public RecoveryState State { get; set; } = RecoveryState.Identify;
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The attempt budget (setting <c>flow.max_attempts</c> when it began).</summary>
    public required int MaxAttempts { get; init; }
    public int FailedAttempts { get; set; }
    public int AttemptsRemaining => Math.Max(0, MaxAttempts - FailedAttempts);

    /// <summary>The user id typed (or the admin's choice): never shown, whether or not it names an account.</summary>
    public string? ClaimedUserId { get; set; }

    /// <summary>Set once the code sent to the account's contact came back.</summary>
    public string? UserId { get; set; }

    /// <summary>The account has TOTP: the code alone does not recover it.</summary>
    public bool SecondFactorRequired { get; set; }

    /// <summary>The admin who sent this recovery to the user, if one did.</summary>
    public string? StartedBy { get; set; }

    /// <summary>Who asked, for the code caps per client IP (the code is sent by a job, after the answer).</summary>
    public string? ClientIp { get; set; }
    public string Language { get; set; } = "zh-CN";

    /// <summary>Present from the first code on; the same for every user id, known or not.</summary>
    public RecoveryCodeTicket? Code { get; set; }

    /// <summary>The message of the last answer (a code of api.md).</summary>
    public string? Message { get; set; }

    /// <summary>The terminal outcome has been written to the audit.</summary>
    public bool Audited { get; set; }

    public void RecordFailure() => FailedAttempts++;
}

/// <summary>When the flow's code was asked for: the job sends it (or sends nothing, for no account) after the answer.</summary>
public sealed class RecoveryCodeTicket
{
    public required DateTimeOffset ExpiresAt { get; set; }
    public required DateTimeOffset ResendAvailableAt { get; set; }
    public int Sends { get; set; }
}
