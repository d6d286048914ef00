using System.Buffers.Text;
using System.Text.Json.Serialization;
using Fido2NetLib;
using Fido2NetLib.Objects;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Api.Account;

/// <summary>A registered passkey as its owner and admins see it (never its key).</summary>
/// <param name="Id">The credential id, base64url.</param>
/// <param name="Transports">How the browser reaches the authenticator: usb, nfc, ble, smart-card, hybrid, internal.</param>
/// <param name="Aaguid">The authenticator model's id (all zeros when it does not say).</param>
/// <param name="BackedUp">Synced between devices (a platform keychain) rather than bound to one.</param>
public sealed record PasskeyDto(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, IReadOnlyList<string> Transports, Guid Aaguid, bool BackedUp)
{
    public static PasskeyDto Of(PasskeyCredential p) =>
        new(Base64Url.EncodeToString(p.Id), p.Name, p.CreatedAt, p.LastUsedAt, p.Transports, p.Aaguid, p.BackedUp);
}

/// <param name="CurrentPassword">Needed when the last login is not recent (<c>authentication.reauthentication_seconds</c>).</param>
public sealed record PasskeyOptionsRequest(string? CurrentPassword);

/// <param name="Credential">What <c>navigator.credentials.create</c> returned (<c>PublicKeyCredential.toJSON()</c>).</param>
public sealed record PasskeyRegistrationRequest(string? Name, PasskeyAttestationDto? Credential, string? CurrentPassword);

public sealed record PasskeyRenameRequest(string? Name);

/// <summary>WebAuthn's <c>RegistrationResponseJSON</c>: binary values base64url.</summary>
public sealed record PasskeyAttestationDto(string? Id, string? RawId, string? Type, PasskeyAttestationResponseDto? Response)
{
    /// <summary>Fido2's form of it; null when a part is missing or not base64url.</summary>
    public AuthenticatorAttestationRawResponse? ToRaw()
    {
        if (Type != "public-key" || Bytes(RawId ?? Id) is not { } rawId || Response is null
            || Bytes(Response.ClientDataJson) is not { } clientData || Bytes(Response.AttestationObject) is not { } attestation) return null;
        return new AuthenticatorAttestationRawResponse
        {
            Id = Base64Url.EncodeToString(rawId),
            RawId = rawId,
            Type = PublicKeyCredentialType.PublicKey,
            ClientExtensionResults = new AuthenticationExtensionsClientOutputs(),
            Response = new AuthenticatorAttestationRawResponse.AttestationResponse
            {
                ClientDataJson = clientData,
                AttestationObject = attestation,
                Transports = [.. (Response.Transports ?? []).Select(Transport).OfType<AuthenticatorTransport>()],
            },
        };
    }

    private static AuthenticatorTransport? Transport(string name) => name switch
    {
        "usb" => AuthenticatorTransport.Usb,
        "nfc" => AuthenticatorTransport.Nfc,
        "ble" => AuthenticatorTransport.Ble,
        "smart-card" => AuthenticatorTransport.SmartCard,
        "hybrid" => AuthenticatorTransport.Hybrid,
        "internal" => AuthenticatorTransport.Internal,
        _ => null,
    };

    internal static byte[]? Bytes(string? base64Url) =>
        base64Url is { Length: > 0 and <= 16_384 } && Base64Url.IsValid(base64Url) ? Base64Url.DecodeFromChars(base64Url) : null;
}

public sealed record PasskeyAttestationResponseDto(
    [property: JsonPropertyName("clientDataJSON")] string? ClientDataJson,
    string? AttestationObject,
    IReadOnlyList<string>? Transports);

/// <summary>WebAuthn's <c>PublicKeyCredentialCreationOptionsJSON</c>, for <c>PublicKeyCredential.parseCreationOptionsFromJSON</c>.</summary>
public sealed record PasskeyCreationOptionsDto(
    PasskeyRpDto Rp,
    PasskeyUserDto User,
    string Challenge,
    IReadOnlyList<PasskeyAlgorithmDto> PubKeyCredParams,
    long Timeout,
    IReadOnlyList<PasskeyDescriptorDto> ExcludeCredentials,
    PasskeySelectionDto AuthenticatorSelection,
    string Attestation)
{
    public static PasskeyCreationOptionsDto Of(CredentialCreateOptions options) => new(
        new PasskeyRpDto(options.Rp.Id, options.Rp.Name),
        new PasskeyUserDto(Base64Url.EncodeToString(options.User.Id), options.User.Name, options.User.DisplayName),
        Base64Url.EncodeToString(options.Challenge),
        [.. options.PubKeyCredParams.Select(p => new PasskeyAlgorithmDto("public-key", (int)p.Alg))],
        (long)options.Timeout,
        [.. options.ExcludeCredentials.Select(c => new PasskeyDescriptorDto("public-key", Base64Url.EncodeToString(c.Id)))],
        new PasskeySelectionDto("required", true, "required"),
        "none");
}

public sealed record PasskeyRpDto(string Id, string Name);

/// <param name="Id">The user handle, base64url: random, not the user id.</param>
public sealed record PasskeyUserDto(string Id, string Name, string DisplayName);

/// <param name="Alg">A COSE algorithm: -7 ES256, -257 RS256, …</param>
public sealed record PasskeyAlgorithmDto(string Type, int Alg);

public sealed record PasskeyDescriptorDto(string Type, string Id);

public sealed record PasskeySelectionDto(string ResidentKey, bool RequireResidentKey, string UserVerification);
