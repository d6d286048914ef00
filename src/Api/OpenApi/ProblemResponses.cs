namespace LoginOrchestrator.Api.OpenApi;

/// <summary>The problem answers an endpoint (or its group) gives besides those every endpoint may give.</summary>
public sealed record ProblemStatuses(IReadOnlyList<int> Statuses);

public static class ProblemResponses
{
    /// <summary>
    /// Any endpoint: a malformed request (400, 415 folded in), the request limits (429), a dependency down or the
    /// request's deadline passed (503), a fault (500).
    /// </summary>
    public static readonly IReadOnlyList<int> Always = [400, 429, 500, 503];

    /// <summary>Any endpoint that needs a session: none or a dead one (401), the wrong role or an unfinished required action (403).</summary>
    public static readonly IReadOnlyList<int> Authenticated = [401, 403];

    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemStatuses(statuses));
}
