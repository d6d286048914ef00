using System.Net;
using System.Net.Http.Json;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LoginOrchestrator.Security.Tests;

/// <summary>
/// Issue 15.6: the last-admin guard is atomic. The last two admins demoting each other at the same moment leave one
/// admin, not none; on MariaDB and on the embedded SQLite store.
/// </summary>
public abstract class LastAdminRaceTests<TFactory>(TFactory factory) where TFactory : LoginApiFactory
{
    private readonly FlowClient _client = new(factory.CreateClient());

    private Task<Answer> PatchAsync(string token, string userId, object body) =>
        _client.SendAsync(HttpMethod.Patch, $"/api/v1/admin/users/{userId}", JsonContent.Create(body), token);

    private Task<int> EnabledAdminsAsync() =>
        factory.WithDbAsync(db => db.Users.CountAsync(u => u.Role == Roles.Admin && !u.Disabled));

    private async Task<(string UserId, string Token)> NewAdminAsync()
    {
        var token = await factory.AdminTokenAsync(_client);
        var session = await _client.SendAsync(HttpMethod.Get, "/api/v1/session", null, token);
        return (session.Body.GetProperty("userId").GetString()!, token);
    }

    /// <summary>Disables every other enabled admin (the bootstrap one, other tests').</summary>
    private async Task LeaveOnlyAsync(params (string UserId, string Token)[] keep)
    {
        var ids = keep.Select(k => k.UserId).ToList();
        var others = await factory.WithDbAsync(db => db.Users
            .Where(u => u.Role == Roles.Admin && !u.Disabled && !ids.Contains(u.NormalizedUserId))
            .Select(u => u.NormalizedUserId).ToListAsync());
        foreach (var id in others)
            (await PatchAsync(keep[0].Token, id, new { disabled = true })).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheLastTwoAdminsDemotingEachOtherAtOnceLeaveOneAdmin()
    {
        var survivor = await NewAdminAsync();
        await LeaveOnlyAsync(survivor);

        for (var round = 0; round < 8; round++)
        {
            var other = await NewAdminAsync();
            (await EnabledAdminsAsync()).Should().Be(2);

            var answers = await Task.WhenAll(
                PatchAsync(survivor.Token, other.UserId, new { role = Roles.Agent }),
                PatchAsync(other.Token, survivor.UserId, new { role = Roles.Agent }));

            (await EnabledAdminsAsync()).Should().Be(1, $"round {round}: answers {answers[0].Status} and {answers[1].Status}");
            answers.Count(a => a.Status == HttpStatusCode.OK).Should().Be(1);
            answers.Where(a => a.Status != HttpStatusCode.OK).Should().AllSatisfy(a =>
                a.Status.Should().BeOneOf(HttpStatusCode.Conflict, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden));
            if (answers[1].Status == HttpStatusCode.OK) survivor = other;
        }
    }

    [Fact]
    public async Task DisablingAndDemotingTheLastTwoAtOnceLeaveOneAdmin()
    {
        var first = await NewAdminAsync();
        var second = await NewAdminAsync();
        await LeaveOnlyAsync(first, second);

        await Task.WhenAll(
            PatchAsync(first.Token, second.UserId, new { disabled = true }),
            PatchAsync(second.Token, first.UserId, new { role = Roles.Ops }));

        (await EnabledAdminsAsync()).Should().Be(1);
    }
}

public sealed class MariaDbLastAdminRaceTests(LoginApiFactory factory)
    : LastAdminRaceTests<LoginApiFactory>(factory), IClassFixture<LoginApiFactory>;

public sealed class EmbeddedLastAdminRaceTests(EmbeddedLoginApiFactory factory)
    : LastAdminRaceTests<EmbeddedLoginApiFactory>(factory), IClassFixture<EmbeddedLoginApiFactory>;
