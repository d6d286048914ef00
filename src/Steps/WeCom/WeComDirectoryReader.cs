using System.Globalization;

namespace LoginOrchestrator.Steps.WeCom;

/// <summary>
/// Reads the whole WeCom directory for a sync: department/list, then user/list of each department (its own members),
/// one call at a time (WeCom limits calls per second per app; 45009 and 45033 say so). Any errcode but 0, a network
/// error or a timeout fails the whole read: a sync never acts on a partial directory.
/// </summary>
public sealed class WeComDirectoryReader(WeComClient client)
{
    public async Task<DirectorySnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var departments = await client.ListDepartmentsAsync(cancellationToken);
            if (departments.Errcode != WeComErrors.Ok) throw new DirectoryReadException($"department/list answered errcode {departments.Errcode}.");
            if (departments.Department is not { Length: > 0 } list) throw new DirectoryReadException("department/list answered no department.");

            var members = new Dictionary<string, DirectoryMember>(StringComparer.OrdinalIgnoreCase);
            foreach (var department in list)
            {
                var answer = await client.ListMembersAsync(department.Id, cancellationToken);
                if (answer.Errcode != WeComErrors.Ok)
                    throw new DirectoryReadException($"user/list of department {department.Id} answered errcode {answer.Errcode}.");
                foreach (var user in answer.UserList ?? [])
                {
                    if (string.IsNullOrWhiteSpace(user.UserId)) continue;
                    members[user.UserId] = new DirectoryMember(user.UserId, string.IsNullOrWhiteSpace(user.Name) ? user.UserId : user.Name,
                        [.. (user.Department ?? []).Select(d => d.ToString(CultureInfo.InvariantCulture))],
                        string.IsNullOrWhiteSpace(user.Email) ? null : user.Email, string.IsNullOrWhiteSpace(user.Mobile) ? null : user.Mobile,
                        Active: user.Status == 1);
                }
            }
            return new DirectorySnapshot(
                [.. list.Select(d => new DirectoryDepartment(d.Id, string.IsNullOrWhiteSpace(d.Name) ? d.Id.ToString(CultureInfo.InvariantCulture) : d.Name, d.ParentId))],
                [.. members.Values]);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException
                                       or Polly.ExecutionRejectedException or WeComUnavailableException or WeComErrorException)
        {
            throw new DirectoryReadException($"The directory could not be read: {e.Message}", e);
        }
    }
}
