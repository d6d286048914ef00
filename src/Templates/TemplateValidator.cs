namespace LoginOrchestrator.Templates;

/// <summary>Why a template was refused: the reason and, when known, the 1-based line and column.</summary>
public sealed record TemplateProblem(string Reason, int? Line, int? Column);

/// <summary>
/// Checks a template before it is saved: it must parse, use only the offered variables, and render
/// with each sample inside the sandbox's limits (a trial render catches loop bombs and the like); a code message's text
/// must show the code in each. Samples differ in every variable, so a branch on one of them is tried both ways.
/// </summary>
public sealed class TemplateValidator(TemplateRenderer renderer)
{
    public TemplateProblem? Check(string template, bool carriesCode = false)
    {
        try
        {
            foreach (var sample in MessageModel.Samples)
            {
                var output = renderer.Render(template, sample);
                if (carriesCode && !output.Contains(sample.Code, StringComparison.Ordinal))
                    return new TemplateProblem("A code message must show the code: use {{ code }}.", null, null);
            }
            return null;
        }
        catch (TemplateRenderException e)
        {
            return new TemplateProblem(e.Message, e.Line, e.Column);
        }
    }

    /// <summary>A notice template: the notice variables only (so never a code).</summary>
    public TemplateProblem? CheckNotice(string template)
    {
        try
        {
            foreach (var sample in NoticeModel.Samples) renderer.Render(template, sample);
            return null;
        }
        catch (TemplateRenderException e)
        {
            return new TemplateProblem(e.Message, e.Line, e.Column);
        }
    }
}
