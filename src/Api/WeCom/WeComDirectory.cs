using LoginOrchestrator.Steps.Directory;
using Polly;

namespace LoginOrchestrator.Api.WeCom;

/// <summary>
/// The corp directory in WeCom. user/get: status 1 confirms; 60111 (no such user) and any other status
/// (disabled, left) reject, alike; -1, 45009, 45033, timeouts and network errors mean unavailable.
/// auth/getuserinfo: a member's userid, then user/get; an openid (not a member) or a used or expired
/// code (40029) rejects.
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
            if (identity.Errcode == WeComErrors.InvalidOAuthCode) return new DirectoryAnswer.Rejected(Disabled: false);
            if (identity.Errcode != WeComErrors.Ok) return Unavailable($"auth/getuserinfo answered errcode {identity.Errcode}");
            if (string.IsNullOrEmpty(identity.UserId)) return new DirectoryAnswer.Rejected(Disabled: false); // an openid: not a member
            return Map(await client.GetUserAsync(identity.UserId, cancellationToken));
        });

    private DirectoryAnswer Map(WeComUser user) => user switch
    {
        { Errcode: WeComErrors.Ok, Status: 1, UserId: { } id } => new DirectoryAnswer.Confirmed(new DirectoryUser(
            id, string.IsNullOrWhiteSpace(user.Name) ? id : user.Name,
            [.. (user.Department ?? []).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            string.IsNullOrWhiteSpace(user.Email) ? null : user.Email,
            string.IsNullOrWhiteSpace(user.Mobile) ? null : user.Mobile)),
        { Errcode: WeComErrors.Ok } => new DirectoryAnswer.Rejected(Disabled: true, user.UserId),
        { Errcode: WeComErrors.UserNotFound } => new DirectoryAnswer.Rejected(Disabled: false),
        _ => Unavailable($"user/get answered errcode {user.Errcode}"),
    };

    private async Task<DirectoryAnswer> GuardAsync(Func<Task<DirectoryAnswer>> call)
    {
        try
        {
            return await call();
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
