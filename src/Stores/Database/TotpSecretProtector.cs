using Microsoft.AspNetCore.DataProtection;

namespace LoginOrchestrator.Stores.Database;

/// <summary>Encrypts TOTP secrets at rest with ASP.NET Core Data Protection.</summary>
public sealed class TotpSecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("LoginOrchestrator.TotpSecret.v1");

    public string Protect(byte[] secret) => Convert.ToBase64String(_protector.Protect(secret));

    public byte[] Unprotect(string protectedSecret) => _protector.Unprotect(Convert.FromBase64String(protectedSecret));
}
