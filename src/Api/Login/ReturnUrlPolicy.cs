using LoginOrchestrator.Api.Hosting;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Login;

/// <summary>A login must never be an open redirect: <c>returnTo</c> is a local path or starts with an allowed prefix.</summary>
public sealed class ReturnUrlPolicy(IOptions<LoginOptions> options)
{
    public bool Allows(string returnTo)
    {
        if (returnTo.Length > 2048 || returnTo.Any(char.IsControl)) return false;
        // "/path" on this origin; "//host" and "/\host" are other origins in browsers.
        if (returnTo.StartsWith('/') && !returnTo.StartsWith("//") && !returnTo.StartsWith("/\\")) return true;
        if (!Uri.TryCreate(returnTo, UriKind.Absolute, out var target) || target.Scheme is not ("https" or "http")) return false;
        return options.Value.AllowedReturnUrls.Any(prefix =>
            Uri.TryCreate(prefix, UriKind.Absolute, out var allowed)
            && string.Equals(allowed.GetLeftPart(UriPartial.Authority), target.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            && target.AbsolutePath.StartsWith(allowed.AbsolutePath, StringComparison.Ordinal));
    }
}
