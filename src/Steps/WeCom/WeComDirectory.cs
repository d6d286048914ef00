using LoginOrchestrator.Orchestrator.Ports;
using Microsoft.Extensions.Logging;
using Polly;

namespace LoginOrchestrator.Steps.WeCom;

/// <summary>
/// The corp directory in WeCom. user/get: status 1 confirms; 60111 (no such user) and any other status
/// (disabled, left) reject as departed, alike; -1, 45009, 45033, timeouts, network errors and 5xx mean unavailable.
/// auth/getuserinfo: a member's userid, then user/get; an openid (not a member) or a used or expired
/// code (40029) rejects. Any other errcode (40003 invalid userid, 48002 no permission, 60020 IP not trusted, …)
/// fails closed: it rejects, with a warning, and never degrades the flow to the local password.
/// </summary>
public sealed class WeComDirectory(WeComClient client, ILogger<WeComDirectory> logger) : IUserDirectory
{
    public bool IsConfigured => true;

    public Task<DirectoryAnswer> LookupAsync(string userId, CancellationToken cancellationToken) =>
        GuardAsync(async () => Map(await client.GetUserAsync(userId, cancellationToken)));

    public Task<DirectoryAnswer> ExchangeOAuthCodeAsync(string code, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var identity = await client.GetUserInfoAsync(code, cancellationToken);
            if (identity.Errcode == WeComErrors.InvalidOAuthCode) return new DirectoryAnswer.Rejected(Departed: false);
            if (identity.Errcode != WeComErrors.Ok) return Failed("auth/getuserinfo", identity.Errcode);
            if (string.IsNullOrEmpty(identity.UserId)) return new DirectoryAnswer.Rejected(Departed: false); // an openid: not a member
            return Map(await client.GetUserAsync(identity.UserId, cancellationToken));
        });

    private DirectoryAnswer Map(WeComUser user) => user switch
    {
        { Errcode: WeComErrors.Ok, Status: 1, UserId: { } id } => new DirectoryAnswer.Confirmed(new DirectoryUser(
            id, string.IsNullOrWhiteSpace(user.Name) ? id : user.Name,
            [.. (user.Department ?? []).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            string.IsNullOrWhiteSpace(user.Email) ? null : user.Email,
            string.IsNullOrWhiteSpace(user.Mobile) ? null : user.Mobile)),
        { Errcode: WeComErrors.Ok } => new DirectoryAnswer.Rejected(Departed: true, user.UserId),
        { Errcode: WeComErrors.UserNotFound } => new DirectoryAnswer.Rejected(Departed: true),
        _ => Failed("user/get", user.Errcode),
    };

    /// <summary>An errcode: unavailable only if WeCom documents it as "busy, try later"; any other fails closed.</summary>
    private DirectoryAnswer Failed(string endpoint, int errcode)
    {
        if (WeComErrors.IsUnavailable(errcode)) return Unavailable($"{endpoint} answered errcode {errcode}");
        logger.LogWarning("WeCom {Endpoint} answered errcode {Errcode}; the login is refused, not degraded", endpoint, errcode);
        return new DirectoryAnswer.Rejected(Departed: false);
    }

    private async Task<DirectoryAnswer> GuardAsync(Func<Task<DirectoryAnswer>> call)
    {
        try
        {
            return await call();
        }
        catch (WeComErrorException e)
        {
            return Failed(e.Endpoint, e.Errcode);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException
                                       or ExecutionRejectedException or WeComUnavailableException)
        {
            return Unavailable($"{e.GetType().Name}: {e.Message}");
        }
    }

    private DirectoryAnswer.Unavailable Unavailable(string reason)
    {
        logger.LogWarning("WeCom directory unavailable: {Reason}", reason);
        return new DirectoryAnswer.Unavailable(reason);
    }
}
