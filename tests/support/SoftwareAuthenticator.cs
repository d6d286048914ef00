using System.Buffers.Binary;
using System.Buffers.Text;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LoginOrchestrator.Tests.Support;

/// <summary>
/// A passkey authenticator in software, written from the WebAuthn spec (not from the library under test): ES256 keys,
/// "none" attestation, authenticator data with its flags and counter, DER signatures. It answers the options the API
/// hands out with what a browser's <c>PublicKeyCredential.toJSON()</c> would send.
/// </summary>
public sealed class SoftwareAuthenticator(string origin = "http://localhost:5080")
{
    private const byte UserPresent = 0x01, UserVerified = 0x04, BackupEligible = 0x08, BackedUp = 0x10, AttestedData = 0x40;

    private readonly Dictionary<string, Credential> _credentials = [];

    private sealed class Credential(ECDsa key, byte[] userHandle, string rpId)
    {
        public ECDsa Key { get; } = key;
        public byte[] UserHandle { get; } = userHandle;
        public string RpId { get; } = rpId;
        public uint Counter { get; set; }
    }

    /// <summary>Keeps its keys in a synced keychain (flags BE and BS): the API records a synced passkey.</summary>
    public bool Synced { get; init; }

    /// <summary>Whether the user was verified (PIN, biometrics): flag UV.</summary>
    public bool VerifiesUser { get; set; } = true;

    public IReadOnlyCollection<string> CredentialIds => _credentials.Keys;

    /// <summary>A copy with the same keys and counters: a cloned authenticator.</summary>
    public SoftwareAuthenticator Clone()
    {
        var clone = new SoftwareAuthenticator(origin) { Synced = Synced, VerifiesUser = VerifiesUser };
        foreach (var (id, c) in _credentials)
        {
            var key = ECDsa.Create();
            key.ImportParameters(c.Key.ExportParameters(includePrivateParameters: true));
            clone._credentials[id] = new Credential(key, c.UserHandle, c.RpId) { Counter = c.Counter };
        }
        return clone;
    }

    /// <summary>navigator.credentials.create over <paramref name="options"/> (PublicKeyCredentialCreationOptionsJSON).</summary>
    public object Create(JsonElement options)
    {
        var rpId = options.GetProperty("rp").GetProperty("id").GetString()!;
        var userHandle = Base64Url.DecodeFromChars(options.GetProperty("user").GetProperty("id").GetString());
        var id = RandomNumberGenerator.GetBytes(32);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var credential = new Credential(key, userHandle, rpId);
        _credentials[Base64Url.EncodeToString(id)] = credential;

        var p = key.ExportParameters(false);
        var cose = new CborWriter(CborConformanceMode.Ctap2Canonical);
        cose.WriteStartMap(5);
        cose.WriteInt32(1); cose.WriteInt32(2);    // kty: EC2
        cose.WriteInt32(3); cose.WriteInt32(-7);   // alg: ES256
        cose.WriteInt32(-1); cose.WriteInt32(1);   // crv: P-256
        cose.WriteInt32(-2); cose.WriteByteString(p.Q.X!);
        cose.WriteInt32(-3); cose.WriteByteString(p.Q.Y!);
        cose.WriteEndMap();

        byte[] idLength = [(byte)(id.Length >> 8), (byte)id.Length];
        var authData = Concat(AuthDataHead(rpId, (byte)(Flags() | AttestedData), credential.Counter), new byte[16], idLength, id, cose.Encode());
        var attestation = new CborWriter();
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt"); attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt"); attestation.WriteStartMap(0); attestation.WriteEndMap();
        attestation.WriteTextString("authData"); attestation.WriteByteString(authData);
        attestation.WriteEndMap();

        var clientData = ClientData("webauthn.create", options.GetProperty("challenge").GetString()!);
        return new
        {
            id = Base64Url.EncodeToString(id),
            rawId = Base64Url.EncodeToString(id),
            type = "public-key",
            response = new { clientDataJSON = Base64Url.EncodeToString(clientData), attestationObject = Base64Url.EncodeToString(attestation.Encode()), transports = new[] { "internal" } },
            clientExtensionResults = new { },
        };
    }

    /// <summary>
    /// navigator.credentials.get over <paramref name="publicKey"/> (PublicKeyCredentialRequestOptionsJSON): a credential
    /// it allows, or any for this relying party when it allows any (discoverable).
    /// </summary>
    public object Get(JsonElement publicKey, uint? counter = null)
    {
        var rpId = publicKey.GetProperty("rpId").GetString()!;
        var allowed = publicKey.GetProperty("allowCredentials").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        var (id, credential) = _credentials.First(c => c.Value.RpId == rpId && (allowed.Count == 0 || allowed.Contains(c.Key)));
        credential.Counter = counter ?? credential.Counter + 1;
        var authData = AuthDataHead(rpId, Flags(), credential.Counter);
        var clientData = ClientData("webauthn.get", publicKey.GetProperty("challenge").GetString()!);
        var signature = credential.Key.SignData(Concat(authData, SHA256.HashData(clientData)), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new
        {
            id,
            rawId = id,
            type = "public-key",
            response = new
            {
                clientDataJSON = Base64Url.EncodeToString(clientData),
                authenticatorData = Base64Url.EncodeToString(authData),
                signature = Base64Url.EncodeToString(signature),
                userHandle = Base64Url.EncodeToString(credential.UserHandle),
            },
            clientExtensionResults = new { },
        };
    }

    private byte Flags() => (byte)(UserPresent | (VerifiesUser ? UserVerified : 0) | (Synced ? BackupEligible | BackedUp : 0));

    private static byte[] AuthDataHead(string rpId, byte flags, uint counter)
    {
        var count = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(count, counter);
        return Concat(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), [flags], count);
    }

    private byte[] ClientData(string type, string challenge) =>
        JsonSerializer.SerializeToUtf8Bytes(new { type, challenge, origin, crossOrigin = false });

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
