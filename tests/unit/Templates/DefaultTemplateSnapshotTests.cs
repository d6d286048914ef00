using LoginOrchestrator.Templates;

namespace LoginOrchestrator.Unit.Tests.Templates;

/// <summary>What users receive with the default templates, pinned word for word.</summary>
public sealed class DefaultTemplateSnapshotTests
{
    private readonly TemplateRenderer _renderer = new();

    [Fact]
    public void ChineseEmail()
    {
        var mail = MessageLanguage.Email(DefaultTemplates.EmailConfig, "zh-CN");

        _renderer.Render(mail.Title!, MessageModel.Sample).Should().Be("LoginOrchestrator 登录验证码");
        _renderer.Render(mail.Content, MessageModel.Sample).Should().Be(
            "张三,您好:您的验证码为 123456,5 分钟内有效。如非本人操作,请忽略本邮件。");
    }

    [Fact]
    public void EnglishEmail()
    {
        var mail = MessageLanguage.Email(DefaultTemplates.EmailConfig, "en");

        _renderer.Render(mail.Title!, MessageModel.Sample).Should().Be("LoginOrchestrator sign-in code");
        _renderer.Render(mail.Content, MessageModel.Sample).Should().Be(
            "Hello 张三, your verification code is 123456. It is valid for 5 minutes. If you did not try to sign in, ignore this email.");
    }

    [Fact]
    public void ChineseSmsFitsOneSegment()
    {
        var sms = _renderer.Render(MessageLanguage.Sms(DefaultTemplates.SmsConfig, "zh-CN").Content, MessageModel.Sample);

        sms.Should().Be("【LoginOrchestrator】您的验证码为 123456,5 分钟内有效。如非本人操作请忽略。");
        sms.Length.Should().BeLessThanOrEqualTo(70);
    }

    [Fact]
    public void EnglishSms()
    {
        _renderer.Render(MessageLanguage.Sms(DefaultTemplates.SmsConfig, "en").Content, MessageModel.Sample)
            .Should().Be("[LoginOrchestrator] Your code is 123456, valid for 5 min. Ignore if not you.");
    }

    [Fact]
    public void WeComMessagesInBothLanguages()
    {
        _renderer.Render(MessageLanguage.WeCom(DefaultTemplates.WeComConfig, "zh-CN").Content, MessageModel.Sample)
            .Should().Be("您的LoginOrchestrator验证码为 123456,5 分钟内有效。");
        _renderer.Render(MessageLanguage.WeCom(DefaultTemplates.WeComConfig, "en-US").Content, MessageModel.Sample)
            .Should().Be("Your LoginOrchestrator verification code is 123456, valid for 5 minutes.");
    }
}
