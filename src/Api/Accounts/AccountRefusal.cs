using LoginOrchestrator.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoginOrchestrator.Api.Accounts;

/// <summary>Why an account or user operation was refused, as a problem document will say it.</summary>
public sealed record AccountRefusal(int Status, string Code, string Detail, string? Field = null, int? RetryAfter = null)
{
    public ProblemHttpResult ToProblem(HttpContext http)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = Code };
        if (Field is not null) extensions["errors"] = new Dictionary<string, string[]> { [Field] = [Detail] };
        if (RetryAfter is { } seconds)
        {
            extensions["retryAfter"] = seconds;
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return TypedResults.Problem(Detail, statusCode: Status, title: ApiProblems.TitleOf(Status), extensions: extensions);
    }

    public static AccountRefusal Invalid(string field, string detail) => new(StatusCodes.Status400BadRequest, "invalid_request", detail, field);
    public static AccountRefusal NotOneOf(string field, IEnumerable<string> choices) =>
        Invalid(field, $"Must be one of: {string.Join(", ", choices)}.");

    public static AccountRefusal CodeInvalid { get; } = new(StatusCodes.Status401Unauthorized, "code_invalid", "The code is not valid.");
    public static AccountRefusal UserNotFound { get; } = new(StatusCodes.Status404NotFound, AccountCodes.UserNotFound, "No such user.");
}

/// <summary>A value, or why there is none.</summary>
public sealed record Outcome<T>(T? Value, AccountRefusal? Refusal)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(AccountRefusal refusal) => new(default, refusal);
}
