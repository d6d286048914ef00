namespace LoginOrchestrator.Steps.Delivery;

/// <summary>The folder the outbox channels write to (<c>data/outbox</c> by default).</summary>
public sealed class OutboxFolder(string path, TimeProvider time)
{
    public string Path { get; } = path;

    /// <summary>
    /// Writes a new file, named so that a listing sorts by time. It is written under a temporary
    /// name and renamed when complete, so a reader of the folder never sees half a message.
    /// </summary>
    public async Task WriteAsync(string extension, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path);
        var name = System.IO.Path.Combine(Path, $"{time.GetUtcNow():yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.{extension}");
        var partial = name + ".partial";
        await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
            await write(file, cancellationToken);
        File.Move(partial, name);
    }
}
