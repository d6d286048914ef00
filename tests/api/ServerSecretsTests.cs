using LoginOrchestrator.Stores.Database;
using LoginOrchestrator.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// A server secret is made by the first request that needs it. The first burst of captcha logins after a deployment
/// asks for the code key many times at once: one instance makes it once, and its log shows no failed insert (before,
/// every request but one tried its own insert, lost on the key's uniqueness and logged the failed command as an error).
/// </summary>
public sealed class ServerSecretsTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    [Fact]
    public async Task ASecretAskedForByManyRequestsAtOnceIsMadeOnceWithoutAFailedInsert()
    {
        var secrets = factory.Services.GetRequiredService<ServerSecrets>();
        // Several fresh secrets, each asked for by 32 requests let go together: a race that loses only now and then
        // in one round is lost in most of ten.
        var names = Enumerable.Range(0, 10).Select(_ => $"test-{Guid.NewGuid():N}").ToList();
        foreach (var name in names)
        {
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var asking = Enumerable.Range(0, 32).Select(_ => Task.Run(async () => { await go.Task; return await secrets.GetAsync(name, CancellationToken.None); })).ToList();
            go.SetResult();
            var answers = await Task.WhenAll(asking);
            answers.Select(Convert.ToBase64String).Distinct().Should().ContainSingle("every request gets the one secret");
        }

        (await factory.WithDbAsync(db => db.ServerSecrets.CountAsync(s => names.Contains(s.Name)))).Should().Be(names.Count);
        factory.Logs.Lines.Where(line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("server_secret", StringComparison.Ordinal))
            .Should().BeEmpty("no request tried an insert another had made");
    }
}
