using LoginOrchestrator.Tests.Support;

namespace LoginOrchestrator.Api.Tests;

/// <summary>
/// The tests read codes out of mails: a user's name of random hex that came out all digits (1 run in 17 for six hex
/// characters) once handed a test the name instead of the code, and the test failed for no fault of the service.
/// </summary>
public sealed class ReceivedMailTests
{
    [Theory]
    [InlineData("rush-123456-7,您好:您的验证码为 654321,5 分钟内有效。", "654321")]
    [InlineData("Hello oidc-rec-12-12345678, your verification code is 87654321. It is valid for 5 minutes.", "87654321")]
    [InlineData("Your LoginOrchestrator code is 0123456. It expires in 5 minutes.", "0123456")]
    [InlineData("rush-123456-7 请使用 246810 登录(5 分钟内有效)", "246810")]
    public void TheCodeIsTheDigitsStandingAloneNotThoseOfTheUsersName(string text, string code) =>
        new ReceivedMail("", text, null).Code.Should().Be(code);
}
