using Scalar.AspNetCore;

namespace LoginOrchestrator.Api.OpenApi;

/// <summary>Section <c>OpenApi</c>: the interactive reference (Scalar) at <c>/scalar/v1</c>.</summary>
public sealed class ApiReferenceOptions
{
    public const string Section = "OpenApi";

    /// <summary>On by default in Development only; the document itself (<c>/openapi/v1.json</c>) is always served.</summary>
    public bool? UiEnabled { get; set; }
}

public static class ApiReference
{
    public const string Path = "/scalar";

    /// <summary>The document, and the reference page where enabled.</summary>
    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi();
        var options = app.Configuration.GetSection(ApiReferenceOptions.Section).Get<ApiReferenceOptions>() ?? new ApiReferenceOptions();
        if (options.UiEnabled ?? app.Environment.IsDevelopment())
            app.MapScalarApiReference(Path, reference => reference.WithTitle("LoginOrchestrator API"));
        return app;
    }
}
