namespace LoginOrchestrator.Api.Hosting;

/// <summary>
/// Section <c>Cors</c>: the origins of REST frontends that may call the login flows, session and account endpoints
/// from a browser (<c>Cors__AllowedOrigins__0=https://desk.corp.example</c>). Nothing is allowed by default.
/// </summary>
public sealed class CrossOriginOptions
{
    public const string Section = "Cors";

    /// <summary>Origins only: scheme, host and port, no path.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && LoginOptions.IsOrigin(uri) && !value.EndsWith('/');
}
