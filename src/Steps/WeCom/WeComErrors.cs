namespace LoginOrchestrator.Steps.WeCom;

/// <summary>WeCom's errcodes that the login tells apart.</summary>
public static class WeComErrors
{
    public const int Ok = 0;
    public const int SystemBusy = -1;
    public const int InvalidToken = 40014;
    public const int ExpiredToken = 42001;
    public const int InvalidOAuthCode = 40029;
    public const int UserNotFound = 60111;
    public const int FrequencyLimit = 45009;
    public const int ConcurrencyLimit = 45033;

    public static bool IsStaleToken(int errcode) => errcode is InvalidToken or ExpiredToken;

    /// <summary>
    /// WeCom cannot answer now: the directory is unavailable, not the user unknown. Only WeCom's documented "system busy,
    /// retry" (-1) and call-frequency limits (45009, 45033): a configuration or request error is no outage.
    /// </summary>
    public static bool IsUnavailable(int errcode) => errcode is SystemBusy or FrequencyLimit or ConcurrencyLimit;
}

/// <summary>WeCom answered an errcode outside a call's own answer (gettoken): the directory decides what it means.</summary>
public sealed class WeComErrorException(string endpoint, int errcode)
    : Exception($"{endpoint} answered errcode {errcode}.")
{
    public string Endpoint { get; } = endpoint;
    public int Errcode { get; } = errcode;
}

/// <summary>WeCom did not answer usefully (network, timeout, system errcodes, bad configuration).</summary>
public sealed class WeComUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
