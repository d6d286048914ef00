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
    public string Render(string template, TemplateModel model, bool html = false)
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

    private static ScriptObject Variables(TemplateModel model, bool html)
    {
        var variables = new ScriptObject();
        foreach (var (name, value) in model.Variables())
            variables[name] = html && value is string text ? WebUtility.HtmlEncode(text) : value;
        return variables;
    }
}

/// <summary>How a time shows in a message: one fixed form, whatever the server's culture.</summary>
public static class TemplateTime
{
    public static string Format(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
