using LoginOrchestrator.Templates.Settings;

namespace LoginOrchestrator.Unit.Tests.Templates;

/// <summary>The console shows every setting and namespace in zh-CN and en: a setting added to the catalog without its texts fails here.</summary>
public sealed class SettingTextsTests
{
    [Fact]
    public void EverySettingAndNamespaceHasItsTexts() => SettingTexts.Missing().Should().BeEmpty();

    [Fact]
    public void TheChineseTextsAreChineseAndTheEnglishOnesTheCatalogs()
    {
        foreach (var setting in SettingCatalog.All)
        {
            var zh = SettingTexts.For(setting, english: false);
            var en = SettingTexts.For(setting, english: true);
            zh.Label.Should().MatchRegex(@"\p{IsCJKUnifiedIdeographs}", $"{setting.Namespace}.{setting.Key}");
            zh.Description.Should().MatchRegex(@"\p{IsCJKUnifiedIdeographs}", $"{setting.Namespace}.{setting.Key}");
            en.Description.Should().Be(setting.Description);
            en.Label.Should().NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}");
        }
    }
}
