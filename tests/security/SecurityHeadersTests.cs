using System.Net;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Security.Tests;

/// <summary>Security headers on every response: flows, problems, the framework's own answers, health.</summary>
public sealed class SecurityHeadersTests(EmbeddedLoginApiFactory factory) : IClassFixture<EmbeddedLoginApiFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Theory]
    [InlineData("POST", "/api/v1/login/flows", HttpStatusCode.Created)]
    [InlineData("GET", "/api/v1/login/flows/no-such-flow", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/v1/session", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/v1/admin/settings", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/v1/nothing-here", HttpStatusCode.NotFound)]
    public async Task AuthResponsesAreNeverStoredAndCarryTheSecurityHeaders(string method, string path, HttpStatusCode status)
    {
        var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(status);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task HealthCarriesTheSecurityHeadersToo()
    {
        var response = await _http.GetAsync("/healthz/live");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        AssertSecurityHeaders(response);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'");
    }
}
