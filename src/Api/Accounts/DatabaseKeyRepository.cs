using System.Xml.Linq;
using LoginOrchestrator.Api.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace LoginOrchestrator.Api.Accounts;

/// <summary>
/// Keeps the Data Protection key ring in the database, so every instance shares it and it is as
/// durable as the TOTP secrets it protects. (Microsoft's EF Core store is only served for EF Core 10,
/// which Pomelo 9 cannot run with; this is the same table shape.)
/// </summary>
public sealed class DatabaseKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LoginDbContext>();
        return [.. db.DataProtectionKeys.Select(k => k.Xml).AsEnumerable().Select(xml => XElement.Parse(xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LoginDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKeyRecord { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
