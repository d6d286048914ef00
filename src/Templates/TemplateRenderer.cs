using System.Globalization;
using System.Net;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace LoginOrchestrator.Templates;

/// <summary>A template that could not be rendered: why, and where (1-based), when known.</summary>
public sealed class TemplateRenderException(string message, int? line = null, int? column = null) : Exception(message)
{
    public int? Line { get; } = line;
    public int? Column { get; } = column;
}

/// <summary>Renders message templates in the <see cref="TemplateSandbox"/>.</summary>
public sealed class TemplateRenderer
{
    /// <param name="html">Escape every variable for an HTML body.</param>
    public string Render(string template, MessageModel model, bool html = false)
    {
        var parsed = Parse(template);
        using var timeout = new CancellationTokenSource(TemplateSandbox.Timeout);
        var context = TemplateSandbox.NewContext(Variables(model, html), timeout.Token);
        try
        {
            return parsed.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            throw new TemplateRenderException(e.OriginalMessage, e.Span.Start.Line + 1, e.Span.Start.Column + 1);
        }
        catch (OperationCanceledException)
        {
            throw new TemplateRenderException($"The template took longer than {TemplateSandbox.Timeout.TotalSeconds:0} s to render.");
        }
        catch (InvalidOperationException e)
        {
            // Scriban reports exceeded limits (output, loops, recursion) this way too.
            throw new TemplateRenderException(e.Message);
        }
    }

    public static Template Parse(string template)
    {
        var parsed = Template.Parse(template);
        if (!parsed.HasErrors) return parsed;
        var first = parsed.Messages[0];
        throw new TemplateRenderException(first.Message, first.Span.Start.Line + 1, first.Span.Start.Column + 1);
    }

    private static ScriptObject Variables(MessageModel model, bool html)
    {
        string Text(string value) => html ? WebUtility.HtmlEncode(value) : value;
        return new ScriptObject
        {
            ["code"] = Text(model.Code),
            ["expire_minutes"] = model.ExpireMinutes,
            ["expire_seconds"] = model.ExpireSeconds,
            ["user_name"] = Text(model.UserName),
            ["user_id"] = Text(model.UserId),
            ["purpose"] = Text(model.Purpose),
            ["app_name"] = Text(model.AppName),
            ["now"] = Text(model.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)),
        };
    }
}
