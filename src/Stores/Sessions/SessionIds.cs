using System.Security.Cryptography;
using System.Text;

namespace LoginOrchestrator.Stores.Sessions;

/// <summary>
/// The public id of a session: what its list shows, what revokes it, an ID token's <c>sid</c>. Derived from the token's
/// hash one way, so it names the session without being a key to it.
/// </summary>
public static class SessionIds
{
    public static string Of(string tokenHash) =>
        Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes("sid:" + tokenHash)))[..32].ToLowerInvariant();
}
