using System.Net;
using Scriban;
using Scriban.Runtime;

namespace LoginOrchestrator.Templates;

/// <summary>A template that could not be rendered: where and why.</summary>
public sealed class TemplateRenderException(string message, int? line = null, int? column = null) : Exception(message)
{
    public int? Line { get; } = line;
    public int? Column { get; } = column;
}

/// <summary>
/// Renders message templates with Scriban in a sandbox: the data is a plain script object of the
/// allowed variables, there is no template loader (so no <c>include</c>), unknown variables are errors,
/// loops, recursion and output are capped, and rendering is cancelled after a timeout.
/// </summary>
public sealed class TemplateRenderer
{
    public const int MaxOutputLength = 10_000;
    private const int LoopLimit = 200;
    private const int RecursiveLimit = 20;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <param name="html">Escape every variable for an HTML body.</param>
    public string Render(string template, MessageModel model, bool html = false)
    {
        var parsed = Template.Parse(template);
        if (parsed.HasErrors)
        {
            var first = parsed.Messages[0];
            throw new TemplateRenderException(first.Message, first.Span.Start.Line + 1, first.Span.Start.Column + 1);
        }

        using var timeout = new CancellationTokenSource(Timeout);
        var context = new TemplateContext
        {
            TemplateLoader = null,
            StrictVariables = true,
            LoopLimit = LoopLimit,
            RecursiveLimit = RecursiveLimit,
            LimitToString = MaxOutputLength,
            CancellationToken = timeout.Token,
        };
        context.PushGlobal(Variables(model, html));
        try
        {
            var output = parsed.Render(context);
            return output.Length > MaxOutputLength ? output[..MaxOutputLength] : output;
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new TemplateRenderException(e.OriginalMessage, e.Span.Start.Line + 1, e.Span.Start.Column + 1);
        }
        catch (OperationCanceledException)
        {
            throw new TemplateRenderException("The template took too long to render.");
        }
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
            ["now"] = Text(model.Now.ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture)),
        };
    }
}
