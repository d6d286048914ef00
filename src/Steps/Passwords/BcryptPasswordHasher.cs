using System.Text;
using BCryptNet = BCrypt.Net.BCrypt;
using HashType = BCrypt.Net.HashType;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Steps.Passwords;

/// <summary>
/// bcrypt with a SHA-384 pre-hash (BCrypt.Net-Next "enhanced" mode), so a password longer than
/// bcrypt's 72 bytes is never silently truncated. Passwords are NFKC-normalised first
/// (NIST SP 800-63B 5.1.1.2) so the same password typed on two keyboards matches.
/// </summary>
public sealed class BcryptPasswordHasher : IPasswordHasher
{
    public const int MinimumWorkFactor = 10;

    private readonly int _workFactor;
    private readonly Lazy<string> _dummyHash;
    /// <summary>One verify at a time per core (see <see cref="VerifyAsync"/>).</summary>
    private readonly SemaphoreSlim _lanes = new(Environment.ProcessorCount);

    public BcryptPasswordHasher(int workFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workFactor, MinimumWorkFactor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workFactor, 16);
        _workFactor = workFactor;
        // Computed once, at the same cost as real hashes, for verifies without a user.
        _dummyHash = new Lazy<string>(() => Hash(Convert.ToBase64String(Guid.NewGuid().ToByteArray())));
    }

    public int WorkFactor => _workFactor;

    public string Hash(string password) =>
        BCryptNet.EnhancedHashPassword(Normalize(password), _workFactor, HashType.SHA384);

    public bool Verify(string password, string? hash)
    {
        if (hash is null)
        {
            BCryptNet.EnhancedVerify(Normalize(password), _dummyHash.Value, HashType.SHA384);
            return false;
        }
        try
        {
            return BCryptNet.EnhancedVerify(Normalize(password), hash, HashType.SHA384);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            // A corrupt stored hash must not open the door, nor answer faster than a real check.
            BCryptNet.EnhancedVerify(Normalize(password), _dummyHash.Value, HashType.SHA384);
            return false;
        }
    }

    /// <summary>
    /// A verify is 100+ ms of CPU. Run on the thread pool it holds a pool thread that long, and with a few at once
    /// on a small machine the awaits of every other request (Redis, the database) queue behind them: logins
    /// measured at a quarter of the cores' bcrypt rate. So verifies run on threads of their own, at most one per core.
    /// </summary>
    public async Task<bool> VerifyAsync(string password, string? hash, CancellationToken cancellationToken)
    {
        await _lanes.WaitAsync(cancellationToken);
        try
        {
            return await Task.Factory.StartNew(() => Verify(password, hash), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            _lanes.Release();
        }
    }

    private static string Normalize(string password) => password.Normalize(NormalizationForm.FormKC);
}
