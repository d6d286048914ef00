using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BCryptNet = BCrypt.Net.BCrypt;
using LoginOrchestrator.Orchestrator.Ports;

namespace LoginOrchestrator.Steps.Passwords;

/// <summary>
/// bcrypt over a SHA-384 pre-hash (BCrypt.Net-Next's "enhanced" format: the base64 of SHA-384 of the password), so a
/// password longer than bcrypt's 72 bytes is never silently truncated. Passwords are NFKC-normalised first
/// (NIST SP 800-63B 5.1.1.2) so the same password typed on two keyboards matches. The bcrypt itself runs in the
/// system's libxcrypt where it is present (<see cref="NativeBcrypt"/>), in BCrypt.Net-Next where it is not: the two
/// make and accept the same hashes (tests/unit BcryptAgreementTests).
/// </summary>
public sealed partial class BcryptPasswordHasher : IPasswordHasher
{
    public const int MinimumWorkFactor = 10;

    private readonly int _workFactor;
    private readonly bool _native;
    private readonly Lazy<string> _dummyHash;
    /// <summary>One verify at a time per core (see <see cref="VerifyAsync"/>).</summary>
    private readonly SemaphoreSlim _lanes = new(Environment.ProcessorCount);

    /// <param name="preferNative">false keeps bcrypt in BCrypt.Net-Next even where libxcrypt is present (tests, the bench's comparison).</param>
    public BcryptPasswordHasher(int workFactor, bool preferNative = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workFactor, MinimumWorkFactor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workFactor, 16);
        _workFactor = workFactor;
        _native = preferNative && NativeBcrypt.IsAvailable;
        // Computed once, at the same cost as real hashes, for verifies without a user: the same path, the same time.
        _dummyHash = new Lazy<string>(() => Hash(Convert.ToBase64String(Guid.NewGuid().ToByteArray())));
    }

    public int WorkFactor => _workFactor;

    /// <summary>Where bcrypt runs: "libxcrypt" or "BCrypt.Net-Next" (logged at start, reported by the bench).</summary>
    public string Implementation => _native ? "libxcrypt" : "BCrypt.Net-Next";

    public string Hash(string password)
    {
        var salt = BCryptNet.GenerateSalt(_workFactor);
        var preHashed = PreHash(password);
        return _native
            ? NativeBcrypt.Crypt(preHashed, salt) ?? throw new CryptographicException("libxcrypt refused a bcrypt salt it generated the format of.")
            : BCryptNet.HashPassword(preHashed, salt);
    }

    public bool Verify(string password, string? hash)
    {
        var preHashed = PreHash(password);
        if (hash is null || !BcryptHash().IsMatch(hash))
        {
            // No user, or a corrupt stored hash: never open the door, nor answer faster than a real check.
            Matches(preHashed, _dummyHash.Value);
            return false;
        }
        return Matches(preHashed, hash);
    }

    private bool Matches(string preHashed, string hash)
    {
        if (!_native) return BCryptNet.Verify(preHashed, hash);
        var computed = NativeBcrypt.Crypt(preHashed, hash);
        return computed is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(hash));
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

    /// <summary>BCrypt.Net-Next's enhanced pre-hash: base64(SHA-384(UTF-8 of the NFKC form)), 64 ASCII characters.</summary>
    internal static string PreHash(string password) =>
        Convert.ToBase64String(SHA384.HashData(Encoding.UTF8.GetBytes(password.Normalize(NormalizationForm.FormKC))));

    /// <summary>The modular crypt format of bcrypt, revisions a, b and y: anything else (another crypt scheme) is refused.</summary>
    [GeneratedRegex(@"^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$")]
    private static partial Regex BcryptHash();
}
