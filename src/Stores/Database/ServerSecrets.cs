using System.Collections.Concurrent;
using System.Security.Cryptography;
using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Stores.Database;

/// <summary>
/// Random 256-bit secrets held like the other keys: in the database, encrypted with the Data Protection key ring, made
/// by whichever instance first needs one (a racing instance reads the winner's). Never in Redis, never logged.
/// </summary>
public sealed class ServerSecrets(IServiceScopeFactory scopes, IDataProtectionProvider dataProtection, TimeProvider time) : ICodeHashKey
{
    public const string CaptchaCodeKey = "captcha-code-hmac";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("LoginOrchestrator.ServerSecrets.v1");

    /// <summary>
    /// Each secret's one load per instance: the first burst of requests that need a new secret waits for one read (and
    /// one insert), instead of each trying its own insert and all but one failing on the key. A failed load is not kept.
    /// </summary>
    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _loads = new();

    ValueTask<byte[]> ICodeHashKey.GetAsync(CancellationToken cancellationToken) => GetAsync(CaptchaCodeKey, cancellationToken);

    public ValueTask<byte[]> GetAsync(string name, CancellationToken cancellationToken)
    {
        var load = _loads.GetOrAdd(name, static (key, secrets) => new Lazy<Task<byte[]>>(() => secrets.LoadAsync(key)), this);
        return load.Value.IsCompletedSuccessfully ? ValueTask.FromResult(load.Value.Result) : new(AwaitAsync(name, load, cancellationToken));
    }

    private async Task<byte[]> AwaitAsync(string name, Lazy<Task<byte[]>> load, CancellationToken cancellationToken)
    {
        try
        {
            return await load.Value.WaitAsync(cancellationToken);
        }
        catch when (load.Value.IsFaulted)
        {
            // The database was not there: the next request tries again.
            _loads.TryRemove(KeyValuePair.Create(name, load));
            throw;
        }
    }

    /// <summary>Shared by every request waiting for it: not cancelled by any one of them.</summary>
    private async Task<byte[]> LoadAsync(string name)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LoginDbContext>();
        return await ReadAsync(db, name, CancellationToken.None) ?? await CreateAsync(db, name, CancellationToken.None);
    }

    private async Task<byte[]?> ReadAsync(LoginDbContext db, string name, CancellationToken cancellationToken)
    {
        var stored = await db.ServerSecrets.AsNoTracking().Where(s => s.Name == name).Select(s => s.ProtectedValue).SingleOrDefaultAsync(cancellationToken);
        return stored is null ? null : _protector.Unprotect(Convert.FromBase64String(stored));
    }

    private async Task<byte[]> CreateAsync(LoginDbContext db, string name, CancellationToken cancellationToken)
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        db.ServerSecrets.Add(new ServerSecretRecord
        {
            Name = name, ProtectedValue = Convert.ToBase64String(_protector.Protect(secret)), CreatedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return secret;
        }
        catch (DbUpdateException)
        {
            // Another instance made it first: theirs is the one.
            db.ChangeTracker.Clear();
            return await ReadAsync(db, name, cancellationToken) ?? throw new InvalidOperationException($"Server secret {name} could be neither made nor read.");
        }
    }
}
