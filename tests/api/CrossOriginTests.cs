using System.Net;
using LoginOrchestrator.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace LoginOrchestrator.Api.Tests;

/// <summary>A host that lets one frontend origin call it from a browser.</summary>
public sealed class OneFrontendFactory : LoginApiFactory
{
    public const string Frontend = "https://desk.corp.example";

    protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("Cors:AllowedOrigins:0", Frontend);
}

/// <summary>#18.3: CORS for REST frontends on the login flows, session and account endpoints, on an allow-list.</summary>
public sealed class CrossOriginTests(OneFrontendFactory factory) : IClassFixture<OneFrontendFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    private Task<HttpResponseMessage> PreflightAsync(HttpClient http, string path, string origin, string method, string headers = "content-type")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return http.SendAsync(request);
    }

    private static string? AllowedOrigin(HttpResponseMessage answer) =>
        answer.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;

    [Theory]
    [InlineData("/api/v1/login/flows", "POST", "content-type")]
    [InlineData("/api/v1/login/flows/some-flow/password", "POST", "content-type")]
    [InlineData("/api/v1/session", "GET", "authorization")]
    [InlineData("/api/v1/session", "DELETE", "authorization")]
    [InlineData("/api/v1/account/password", "PUT", "authorization,content-type")]
    public async Task AnAllowedFrontendIsAnsweredItsPreflight(string path, string method, string headers)
    {
        var answer = await PreflightAsync(_http, path, OneFrontendFactory.Frontend, method, headers);

        answer.StatusCode.Should().Be(HttpStatusCode.NoContent);
        AllowedOrigin(answer).Should().Be(OneFrontendFactory.Frontend);
        answer.Headers.GetValues("Access-Control-Allow-Methods").Single().Should().Contain(method);
        answer.Headers.Contains("Access-Control-Allow-Credentials").Should().BeFalse("sessions travel in a header, never a cookie");
    }

    [Fact]
    public async Task AnActualRequestCarriesTheOriginAndExposesRetryAfter()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/login/flows");
        request.Headers.Add("Origin", OneFrontendFactory.Frontend);
        var answer = await _http.SendAsync(request);

        answer.StatusCode.Should().Be(HttpStatusCode.Created);
        AllowedOrigin(answer).Should().Be(OneFrontendFactory.Frontend);
        answer.Headers.GetValues("Access-Control-Expose-Headers").Single().Should().Contain("Retry-After");
    }

    [Fact]
    public async Task AnotherOriginIsNotAllowed()
    {
        var answer = await PreflightAsync(_http, "/api/v1/login/flows", "https://evil.example", "POST");
        AllowedOrigin(answer).Should().BeNull();

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/login/flows");
        request.Headers.Add("Origin", "https://evil.example");
        AllowedOrigin(await _http.SendAsync(request)).Should().BeNull();
    }

    [Fact]
    public async Task AdminEndpointsAreNotOpenToFrontends()
    {
        var answer = await PreflightAsync(_http, "/api/v1/admin/users", OneFrontendFactory.Frontend, "GET", "authorization");
        AllowedOrigin(answer).Should().BeNull();
    }

    [Fact]
    public async Task NothingIsAllowedByDefault()
    {
        await using var plain = new LoginApiFactory();
        var answer = await PreflightAsync(plain.CreateClient(), "/api/v1/login/flows", OneFrontendFactory.Frontend, "POST");
        AllowedOrigin(answer).Should().BeNull();
    }
}
