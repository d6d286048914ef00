using Microsoft.Playwright;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>Every run leaves a picture of each page in <c>.test-output/screenshots</c> (or <c>LO_SCREENSHOTS</c>).</summary>
public static class Screenshots
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("LO_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(RepositoryRoot(), ".test-output", "screenshots");

    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}.png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "LoginOrchestrator.slnx"))) return directory.FullName;
        return AppContext.BaseDirectory;
    }
}
