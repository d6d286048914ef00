using System.Diagnostics;

namespace LoginOrchestrator.Tests.Support;

/// <summary>Reads a QR code the way a phone's camera does, with zbarimg (Debian's zbar-tools, installed by scripts/services.sh).</summary>
public static class QrDecoder
{
    public static async Task<string> DecodeAsync(byte[] png)
    {
        var file = Path.Combine(Path.GetTempPath(), $"lo-qr-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, png);
        try
        {
            using var zbar = Process.Start(new ProcessStartInfo("zbarimg", ["--raw", "-q", file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("zbarimg did not start.");
            var output = await zbar.StandardOutput.ReadToEndAsync();
            await zbar.WaitForExitAsync();
            if (zbar.ExitCode != 0) throw new InvalidOperationException($"zbarimg found no QR code (exit {zbar.ExitCode}): {await zbar.StandardError.ReadToEndAsync()}");
            return output.TrimEnd('\n');
        }
        finally
        {
            File.Delete(file);
        }
    }
}
