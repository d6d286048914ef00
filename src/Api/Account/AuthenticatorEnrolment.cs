using LoginOrchestrator.Steps.Otp;
using QRCoder;

namespace LoginOrchestrator.Api.Account;

/// <summary>What an authenticator app scans: the <c>otpauth://</c> URI (Google's Key Uri Format) and its QR code.</summary>
public sealed record AuthenticatorEnrolment(string Secret, string OtpauthUri, byte[] QrCodePng)
{
    public static AuthenticatorEnrolment For(byte[] secret, string issuer, string account)
    {
        var base32 = TotpSecrets.ToBase32(secret);
        var label = $"{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}";
        var uri = $"otpauth://totp/{label}?secret={base32}&issuer={Uri.EscapeDataString(issuer)}" +
                  $"&algorithm=SHA1&digits={TotpVerifier.Digits}&period={TotpVerifier.StepSeconds}";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new AuthenticatorEnrolment(base32, uri, new PngByteQRCode(data).GetGraphic(pixelsPerModule: 6));
    }
}
