namespace LoginOrchestrator.Templates;

/// <summary>Why a template was refused: the reason and, when known, the 1-based line and column.</summary>
public sealed record TemplateProblem(string Reason, int? Line, int? Column);

/// <summary>
/// Checks a template before it is saved: it must parse, use only the offered variables, and render
/// with sample data inside the sandbox's limits (a trial render catches loop bombs and the like).
/// </summary>
public sealed class TemplateValidator(TemplateRenderer renderer)
{
    public TemplateProblem? Check(string template)
    {
        try
        {
            renderer.Render(template, MessageModel.Sample);
            return null;
        }
        catch (TemplateRenderException e)
        {
            return new TemplateProblem(e.Message, e.Line, e.Column);
        }
    }
}
