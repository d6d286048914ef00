namespace LoginOrchestrator.Tests.Support;

/// <summary>Where the real services of the test run are: set by scripts/services.sh, defaulting to what it starts.</summary>
public static class TestServices
{
    public static string MySql => Env("LO_TEST_MYSQL", "Server=127.0.0.1;Port=3306;User ID=loginorchestrator;Password=lo-test-password");
    public static string Redis => Env("LO_TEST_REDIS", "127.0.0.1:6379");

    /// <summary>The 3-master Redis Cluster scripts/services.sh starts (its seed nodes).</summary>
    public static string RedisCluster => Env("LO_TEST_REDIS_CLUSTER", "127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003");
    public static string SmtpHost => Env("LO_TEST_SMTP_HOST", "127.0.0.1");
    public static string SmtpPort => Env("LO_TEST_SMTP_PORT", "1025");
    public static string Maildev => Env("LO_TEST_MAILDEV", "http://127.0.0.1:1080");

    /// <summary>The certificate protecting the key ring of every instance this test process starts (they share databases).</summary>
    public static string KeyRingCertificate => KeyRing.Value;

    private static readonly Lazy<string> KeyRing = new(() =>
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "loginorchestrator-tests")).FullName;
        var path = Path.Combine(folder, $"keyring-{Environment.ProcessId}.pfx");
        using var _ = Api.Hosting.KeyRingProtection.LoadOrCreate(path);
        return path;
    });

    private static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
