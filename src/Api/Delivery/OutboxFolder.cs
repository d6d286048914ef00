namespace LoginOrchestrator.Api.Delivery;

/// <summary>The folder the outbox channels write to (<c>data/outbox</c> by default).</summary>
public sealed class OutboxFolder(string path, TimeProvider time)
{
    public string Path { get; } = path;

    /// <summary>A new file, named so that a listing sorts by time.</summary>
    public FileStream Create(string extension)
    {
        Directory.CreateDirectory(Path);
        var name = $"{time.GetUtcNow():yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.{extension}";
        return new FileStream(System.IO.Path.Combine(Path, name), FileMode.CreateNew, FileAccess.Write);
    }
}
