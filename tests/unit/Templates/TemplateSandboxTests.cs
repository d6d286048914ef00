using LoginOrchestrator.Templates;

namespace LoginOrchestrator.Unit.Tests.Templates;

public sealed class TemplateSandboxTests
{
    private readonly TemplateRenderer _renderer = new();
    private readonly TemplateValidator _validator = new(new TemplateRenderer());

    [Fact]
    public void AllOfferedVariablesRender()
    {
        var output = _renderer.Render(
            "{{ code }} {{ expire_minutes }} {{ expire_seconds }} {{ user_name }} {{ user_id }} {{ purpose }} {{ app_name }} {{ now }}",
            MessageModel.Sample);

        output.Should().Be("123456 5 300 张三 zhangsan login LoginOrchestrator 2026-11-22 10:00:00 +08:00");
    }

    [Theory]
    [InlineData("{{ include 'secrets' }}")]
    [InlineData("{{ include_join ['a'] }}")]
    [InlineData("{{ object.eval 'code' }}")]
    [InlineData("{{ object.eval_template '{{ code }}' }}")]
    [InlineData("{{ regex.match code '(a+)+$' }}")]
    public void FunctionsThatReachOutsideTheTemplateAreGone(string template)
    {
        _validator.Check(template).Should().NotBeNull();
    }

    [Fact]
    public void UnknownVariableIsRefusedWithItsPosition()
    {
        var problem = _validator.Check("您好\n{{ password }}");

        problem!.Reason.Should().Contain("password");
        problem.Line.Should().Be(2);
        problem.Column.Should().Be(4);
    }

    [Fact]
    public void ParseErrorIsRefusedWithItsPosition()
    {
        var problem = _validator.Check("line one\n  {{ if code }} unterminated");

        problem.Should().NotBeNull();
        problem!.Line.Should().Be(2);
        problem.Column.Should().NotBeNull();
    }

    [Theory]
    [InlineData("{{ for i in 1..100000 }}x{{ end }}")]
    [InlineData("{{ while true }}{{ end }}")]
    [InlineData("{{ func f; f; end; f }}")]
    public void LoopAndRecursionBombsAreStopped(string template)
    {
        _validator.Check(template).Should().NotBeNull();
    }

    [Fact]
    public void OutputIsCapped()
    {
        var nested = "{{ for i in 1..150 }}{{ for j in 1..150 }}xx{{ end }}{{ end }}";

        _validator.Check(nested)!.Reason.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void HtmlRenderEscapesVariablesButNotTheTemplate()
    {
        var model = MessageModel.Sample with { UserName = "<script>alert(1)</script>" };

        var output = _renderer.Render("<b>{{ user_name }}</b>", model, html: true);

        output.Should().Be("<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>");
    }
}
