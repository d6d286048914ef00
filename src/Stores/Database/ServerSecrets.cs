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

    private readonly ConcurrentDictionary<string, byte[]> _cache = new();

    /// <summary>
    /// One load at a time per instance: the first burst of requests that need a new secret waits for one read (and one
    /// insert), instead of each trying its own insert and all but one failing on the key. Loads are rare (a secret is
    /// read once per instance), so one gate serves every name.
    /// </summary>
    private readonly SemaphoreSlim _loading = new(1, 1);

    ValueTask<byte[]> ICodeHashKey.GetAsync(CancellationToken cancellationToken) => GetAsync(CaptchaCodeKey, cancellationToken);

    public async ValueTask<byte[]> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(name, out var cached)) return cached;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_cache.TryGetValue(name, out cached)) return cached;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LoginDbContext>();
            var secret = await ReadAsync(db, name, cancellationToken) ?? await CreateAsync(db, name, cancellationToken);
            return _cache.GetOrAdd(name, secret);
        }
        finally
        {
            _loading.Release();
        }
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
