using System.Net;
using System.Text.Json;
using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// #18.4: the OpenAPI document is exact. Every answer of these tests is checked against it as it goes by
/// (<see cref="AnswerConformance"/>); here: what the document must hold, and that the check does catch a drift.
/// </summary>
public sealed class OpenApiDocumentTests(LoginApiFactory factory) : IClassFixture<LoginApiFactory>
{
    private async Task<string> DocumentAsync() => await factory.CreateClient().GetStringAsync("/openapi/v1.json");

    [Fact]
    public async Task EveryOperationIsDescribedAndDeclaresItsProblems()
    {
        var document = JsonDocument.Parse(await DocumentAsync()).RootElement;
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString().Should().Be("bearer");
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            var what = $"{operation.Name} {path.Name}";
            operation.Value.GetProperty("summary").GetString().Should().NotBeNullOrWhiteSpace(what);
            var responses = operation.Value.GetProperty("responses");
            foreach (var status in new[] { "400", "429", "500", "503" }) responses.TryGetProperty(status, out _).Should().BeTrue($"{what} documents {status}");
            var secured = operation.Value.TryGetProperty("security", out _);
            var open = path.Name.StartsWith("/api/v1/login/flows") || path.Name.StartsWith("/api/v1/recovery");
            secured.Should().Be(!open, $"{what}: only the login and recovery flows are open");
            if (secured) responses.TryGetProperty("401", out _).Should().BeTrue(what);
        }
    }

    [Fact]
    public async Task TheWireVocabularyIsEnumeratedAndNullableMembersAreOptional()
    {
        var schemas = JsonDocument.Parse(await DocumentAsync()).RootElement.GetProperty("components").GetProperty("schemas");
        var flow = schemas.GetProperty("FlowDto");
        flow.GetProperty("properties").GetProperty("state").GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .Should().Contain(["Credentials", "OtpChallenge", "Issued", "Locked", "Expired"]);
        flow.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Should().NotContain(["user", "captcha", "session", "returnTo"]);
        flow.GetProperty("properties").GetProperty("session").GetProperty("$ref").GetString().Should().EndWith("/FlowSessionDto");
        flow.GetProperty("additionalProperties").GetBoolean().Should().BeFalse();
        schemas.GetProperty("FlowFieldDto").GetProperty("properties").GetProperty("type").GetProperty("enum").GetArrayLength().Should().Be(8);
        schemas.GetProperty("Problem").GetProperty("properties").GetProperty("code").GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .Should().Contain(["invalid_credentials", "flow_expired", "locked", "rate_limited", "client_not_found"]);
    }

    [Fact]
    public async Task TheCheckCatchesAnAnswerTheDocumentDoesNotDescribe()
    {
        var check = new OpenApiConformance(await DocumentAsync());
        const string session = """{"userId":"a","name":"a","roles":["agent"],"factors":["password"],"degraded":false,"issuedAt":"2026-12-01T00:00:00Z","expiresAt":"2026-12-01T08:00:00Z","requiredActions":[]}""";
        check.Check("GET", "/api/v1/session", 200, "application/json", session).Should().BeNull();
        check.Check("GET", "/api/v1/session", 200, "application/json", session.Replace("\"degraded\":false,", "\"degraded\":false,\"token\":\"x\","))
            .Should().Contain("does not match", "a member the document does not name");
        check.Check("GET", "/api/v1/session", 200, "application/json", session.Replace("\"password\"", "\"telepathy\""))
            .Should().Contain("does not match", "a value outside the enum");
        check.Check("GET", "/api/v1/session", 200, "application/json", session.Replace("\"degraded\":false,", ""))
            .Should().Contain("does not match", "a required member missing");
        check.Check("GET", "/api/v1/session", 409, "application/problem+json", """{"title":"Conflict","status":409,"code":"flow_busy"}""")
            .Should().Contain("not documented");
        check.Check("GET", "/api/v1/session", 401, "application/problem+json", """{"title":"Unauthorized","status":401,"code":"locked"}""")
            .Should().Contain("does not match", "a code of another status");
        check.Check("GET", "/api/v1/nowhere", 200, "application/json", "{}").Should().Contain("not in the document");
    }

    [Fact]
    public async Task TheInteractiveReferenceIsServedInDevelopment()
    {
        var page = await factory.CreateClient().GetAsync("/scalar/v1");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("LoginOrchestrator API");
    }
}

/// <summary>Production serves the document, not the interactive reference, unless <c>OpenApi:UiEnabled</c>.</summary>
public sealed class OpenApiInProductionTests(ProductionLoginApiFactory factory) : IClassFixture<ProductionLoginApiFactory>
{
    [Fact]
    public async Task NoReferencePageInProductionByDefault()
    {
        (await factory.CreateClient().GetAsync("/scalar/v1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await factory.CreateClient().GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
