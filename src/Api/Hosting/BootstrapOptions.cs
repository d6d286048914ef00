using System.ComponentModel.DataAnnotations;
using LoginOrchestrator.Orchestrator.Policy;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>Section <c>Bootstrap</c>: the first admin, created on start when no user exists. No default password.</summary>
public sealed class BootstrapOptions : IValidatableObject
{
    public const string Section = "Bootstrap";

    [StringLength(64)]
    public string? AdminUserId { get; set; }

    public string? AdminPassword { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(AdminUserId) != string.IsNullOrEmpty(AdminPassword))
            yield return new ValidationResult("Bootstrap:AdminUserId and Bootstrap:AdminPassword are set together.",
                [nameof(AdminUserId), nameof(AdminPassword)]);
        if (AdminUserId is { Length: > 0 } id && !UserIds.IsAllowed(UserIds.Canonical(id)))
            yield return new ValidationResult($"Bootstrap:AdminUserId must be {UserIds.AllowedSet}", [nameof(AdminUserId)]);
        // Empty is unset (a container's environment often names a variable it leaves empty).
        if (AdminPassword is { Length: > 0 and (< 8 or > 64) })
            yield return new ValidationResult("Bootstrap:AdminPassword must be 8 to 64 characters.", [nameof(AdminPassword)]);
    }
}
