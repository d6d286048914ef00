using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoginOrchestrator.Api.Problems;

/// <summary>
/// Why a request was refused: the one type every problem answer is made from (a route handler returns it as a
/// <see cref="ProblemHttpResult"/>, middleware writes it). The status comes from <see cref="ProblemCodes"/> by the code.
/// </summary>
/// <param name="Code">The stable code of api.md (or of the feature's list, added to it).</param>
/// <param name="Field">The offending field: the answer's <c>errors</c> names it with <paramref name="Detail"/>.</param>
/// <param name="RetryAfter">Seconds: the answer's <c>retryAfter</c> and the <c>Retry-After</c> header.</param>
public sealed record Refusal(string Code, string Detail, string? Field = null, int? RetryAfter = null)
{
    /// <summary>Several offending fields at once (a malformed body).</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>More members of the problem document (the flow as it now stands, a template's line).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>For the framework's own refusals (413, 431…), whose status says more than their code.</summary>
    public int? StatusOverride { get; init; }

    public int Status => StatusOverride ?? ProblemCodes.StatusOf(Code);

    /// <param name="http">Needed to set <c>Retry-After</c> when the refusal carries one.</param>
    public ProblemHttpResult ToProblem(HttpContext? http = null)
    {
        if (RetryAfter is not null && http is null) throw new ArgumentNullException(nameof(http), "A refusal with a Retry-After needs the response.");
        var extensions = new Dictionary<string, object?> { ["code"] = Code };
        foreach (var (name, value) in Extensions ?? new Dictionary<string, object?>()) extensions[name] = value;
        var errors = Errors ?? (Field is null ? null : new Dictionary<string, string[]> { [Field] = [Detail] });
        if (errors is not null)
            extensions["errors"] = errors.ToDictionary(e => e.Key, e => e.Value.Select(RefusalTexts.Localize).ToArray());
        if (RetryAfter is { } seconds)
        {
            extensions["retryAfter"] = seconds;
            http!.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        return TypedResults.Problem(RefusalTexts.Localize(Detail), statusCode: Status, title: ProblemCodes.TitleOf(Status), extensions: extensions);
    }

    /// <summary>Where no handler returns a result (middleware, the authentication handler, the exception handler).</summary>
    public Task WriteAsync(HttpContext http) => ToProblem(http).ExecuteAsync(http);

    public static Refusal Invalid(string field, string detail) => new(ProblemCodes.InvalidRequest, detail, field);

    public static Refusal Invalid(string detail, IReadOnlyDictionary<string, string[]> errors) =>
        new(ProblemCodes.InvalidRequest, detail) { Errors = errors };

    public static Refusal NotOneOf(string field, IEnumerable<string> choices) =>
        Invalid(field, $"Must be one of: {string.Join(", ", choices)}.");

    public static Refusal CodeInvalid { get; } = new("code_invalid", "The code is not valid.");
    public static Refusal UserNotFound { get; } = new(ProblemCodes.UserNotFound, "No such user.");
}

/// <summary>A value, or why there is none.</summary>
public sealed record Outcome<T>(T? Value, Refusal? Refusal)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);
}
