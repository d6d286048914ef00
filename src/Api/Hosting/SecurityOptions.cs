using System.ComponentModel.DataAnnotations;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>Section <c>Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>bcrypt cost; 10 is the floor login-flow.md allows, 11 the default.</summary>
    [Range(10, 16)]
    public int BcryptWorkFactor { get; set; } = 11;
}
