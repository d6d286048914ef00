using LoginOrchestrator.Api.OpenApi;
using System.Globalization;
using System.Text.Json;
using LoginOrchestrator.Api.Problems;
using LoginOrchestrator.Api.Security;
using LoginOrchestrator.Templates;
using LoginOrchestrator.Templates.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LoginOrchestrator.Api.AdminSettings;

/// <summary>api.md's admin endpoints for global settings and template previews.</summary>
public static class SettingsApi
{
    public const string AdminPolicy = AccessPolicies.Admin;

    /// <summary>One Chinese SMS segment (UCS-2): 70 characters.</summary>
    public const int SmsSegmentLength = 70;

    public static RouteGroupBuilder MapAdminSettings(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/admin").WithTags("Admin: settings").RequireAuthorization(AdminPolicy);
        group.MapGet("/settings", ListSettings).WithName("ListSettings").WithSummary("The global settings with their meta (type, range, default), by namespace.");
        group.MapPut("/settings/{namespace}/{key}", UpdateSetting).WithName("UpdateSetting").WithSummary("Sets one setting (validated against its meta, templates rendered once); audited, every instance told.").ProducesProblems(404, 422);
        group.MapPost("/templates/preview", PreviewTemplate).WithName("PreviewTemplate").WithSummary("Renders a template with sample data, without saving it.").ProducesProblems(422);
        return group;
    }

    public static async Task<Results<Ok<ItemsDto<SettingDto>>, ProblemHttpResult>> ListSettings(
        string? @namespace, bool? onlyEnabled, SettingsAdmin settings, CancellationToken cancellationToken)
    {
        if (@namespace is not null && !SettingCatalog.Namespaces.Contains(@namespace))
            return Invalid("namespace", $"Unknown namespace; known: {string.Join(", ", SettingCatalog.Namespaces)}.");
        return TypedResults.Ok(new ItemsDto<SettingDto>(await settings.ListAsync(@namespace, onlyEnabled ?? false, cancellationToken)));
    }

    public static async Task<Results<Ok<SettingDto>, ProblemHttpResult>> UpdateSetting(
        string @namespace, string key, SettingUpdateRequest body, SettingsAdmin settings, HttpContext http, CancellationToken cancellationToken)
    {
        if (body.Value is not { } value || value.ValueKind == JsonValueKind.Undefined) return Invalid("value", "Required.");
        var change = await settings.UpdateAsync(@namespace, key, value, body.Enabled, Audit.AdminActor.Of(http), cancellationToken);
        return change switch
        {
            SettingChange.Saved saved => TypedResults.Ok(saved.Setting),
            SettingChange.Refused refused => Unprocessable(refused.Problem),
            _ => new Refusal(ProblemCodes.SettingNotFound, $"No setting {@namespace}.{key}.").ToProblem(),
        };
    }

    public static Results<Ok<TemplatePreviewDto>, ProblemHttpResult> PreviewTemplate(
        TemplatePreviewRequest body, TemplateRenderer renderer, TemplateValidator validator)
    {
        if (string.IsNullOrEmpty(body.Template)) return Invalid("template", "Required.");
        if (body.Template.Length > 20_000) return Invalid("template", "At most 20000 characters.");
        if (body.Channel is not (null or "email" or "sms" or "wecom")) return Invalid("channel", "Must be email, sms or wecom.");
        var notice = body.Notice ?? false;
        TemplateModel model;
        if (notice)
        {
            var noticeModel = NoticeModel.Sample;
            foreach (var (name, value) in body.Sample ?? [])
            {
                if (!TryApplyNotice(ref noticeModel, name, value))
                    return Invalid($"sample.{name}", $"Not a notice variable, or not a short string; variables: {string.Join(", ", NoticeModel.VariableNames)}.");
            }
            model = noticeModel;
        }
        else
        {
            var messageModel = MessageModel.Sample;
            foreach (var (name, value) in body.Sample ?? [])
            {
                if (!TryApply(ref messageModel, name, value))
                    return Invalid($"sample.{name}", $"Not a template variable of the right type; variables: {string.Join(", ", MessageModel.VariableNames)}.");
            }
            model = messageModel;
        }

        // The same check as on save (offered variables only, sandbox limits), then the render asked for.
        if ((notice ? validator.CheckNotice(body.Template) : validator.Check(body.Template)) is { } problem)
            return Unprocessable(new SettingProblem(SettingProblem.TemplateInvalid, "template", problem.Reason, problem.Line, problem.Column));
        string output;
        try
        {
            output = renderer.Render(body.Template, model, body.Html ?? false);
        }
        catch (TemplateRenderException e)
        {
            return Unprocessable(new SettingProblem(SettingProblem.TemplateInvalid, "template", e.Message, e.Line, e.Column));
        }

        var warnings = new List<PreviewWarning>();
        if (!notice && body.Channel is null or "sms" && output.Length > SmsSegmentLength)
        {
            var segments = (int)Math.Ceiling(output.Length / 67.0); // concatenated UCS-2 segments carry 67 characters each
            warnings.Add(new PreviewWarning("sms_multiple_segments",
                $"As an SMS this is {output.Length} characters: longer than one {SmsSegmentLength}-character segment, it is sent as {segments} segments."));
        }
        return TypedResults.Ok(new TemplatePreviewDto(output, output.Length, warnings));
    }

    private static bool TryApply(ref MessageModel model, string name, JsonElement value)
    {
        string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        int? number = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n is > 0 and <= 86_400 ? n : null;
        switch (name)
        {
            case "code" when text is { Length: <= 16 }: model = model with { Code = text }; return true;
            case "user_name" when text is { Length: <= 128 }: model = model with { UserName = text }; return true;
            case "user_id" when text is { Length: <= 64 }: model = model with { UserId = text }; return true;
            case "purpose" when text is "login" or "bind" or "recovery": model = model with { Purpose = text }; return true;
            case "app_name" when text is { Length: <= 64 }: model = model with { AppName = text }; return true;
            case "expire_seconds" when number is { } seconds: model = model with { ExpireSeconds = seconds }; return true;
            case "expire_minutes" when number is { } minutes: model = model with { ExpireSeconds = minutes * 60 }; return true;
            case "now" when text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var now):
                model = model with { Now = now }; return true;
            default: return false;
        }
    }

    /// <summary>Every notice variable is text: a short string replaces the sample's (the time as any parsable moment).</summary>
    private static bool TryApplyNotice(ref NoticeModel model, string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: <= 512 } text) return false;
        switch (name)
        {
            case "event" when DefaultNotices.Keys.Contains(text): model = model with { Event = text }; return true;
            case "user_name": model = model with { UserName = text }; return true;
            case "user_id": model = model with { UserId = text }; return true;
            case "app_name": model = model with { AppName = text }; return true;
            case "ip": model = model with { Ip = text }; return true;
            case "user_agent": model = model with { UserAgent = text }; return true;
            case "link": model = model with { Link = text }; return true;
            case "contact": model = model with { Contact = text }; return true;
            case "time" when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at):
                model = model with { At = at }; return true;
            default: return false;
        }
    }

    private static ProblemHttpResult Invalid(string field, string reason) => Refusal.Invalid(field, reason).ToProblem();

    /// <summary>422 naming the field, and for a template the line and column of the fault.</summary>
    private static ProblemHttpResult Unprocessable(SettingProblem problem)
    {
        var extensions = new Dictionary<string, object?> { ["field"] = problem.Field };
        if (problem.Line is { } line) extensions["line"] = line;
        if (problem.Column is { } column) extensions["column"] = column;
        return new Refusal(problem.Code, $"{problem.Field}: {problem.Reason}")
        {
            Errors = new Dictionary<string, string[]> { [problem.Field] = [problem.Reason] },
            Extensions = extensions,
        }.ToProblem();
    }
}
