using System.Text.Json.Serialization;
using LoginOrchestrator.Api.Account;
using LoginOrchestrator.Orchestrator.Steps;

namespace LoginOrchestrator.Api.Login;

/// <summary>The passkey action's body: what <c>navigator.credentials.get</c> returned, with the flow's <c>publicKey</c> options.</summary>
/// <param name="RememberDevice">As a second factor: skip it on this device from now on (when the flow offers the field).</param>
public sealed record PasskeyAssertionRequest(PasskeyAssertionDto? Credential, bool? RememberDevice = null) : IFlowRequest
{
    public Dictionary<string, string[]> Check() =>
        Credential?.ToInput(RememberDevice ?? false) is null
            ? new() { ["credential"] = ["The credential navigator.credentials.get returned, as JSON (PublicKeyCredential.toJSON(): binary values base64url)."] }
            : [];
}

/// <summary>WebAuthn's <c>AuthenticationResponseJSON</c>: binary values base64url.</summary>
public sealed record PasskeyAssertionDto(string? Id, string? RawId, string? Type, PasskeyAssertionResponseDto? Response)
{
    /// <summary>The step's input; null when a part is missing or not base64url.</summary>
    public PasskeyInput? ToInput(bool rememberDevice)
    {
        if (Type != "public-key" || Response is null || PasskeyAttestationDto.Bytes(RawId ?? Id) is not { } id
            || PasskeyAttestationDto.Bytes(Response.ClientDataJson) is not { } clientData
            || PasskeyAttestationDto.Bytes(Response.AuthenticatorData) is not { } authenticatorData
            || PasskeyAttestationDto.Bytes(Response.Signature) is not { } signature) return null;
        var userHandle = Response.UserHandle is null ? null : PasskeyAttestationDto.Bytes(Response.UserHandle);
        if (Response.UserHandle is not null && userHandle is null) return null;
        return new PasskeyInput(id, clientData, authenticatorData, signature, userHandle, rememberDevice);
    }
}

public sealed record PasskeyAssertionResponseDto(
    [property: JsonPropertyName("clientDataJSON")] string? ClientDataJson,
    string? AuthenticatorData,
    string? Signature,
    string? UserHandle);
