namespace LoginOrchestrator.Templates;

/// <summary>The templates of one channel's message: email has a title; SMS and WeCom messages only content.</summary>
public sealed record MessageTemplate(string? Title, string Content);

/// <summary>The variables a template may use (settings.md), and no others.</summary>
public sealed record MessageModel(
    string Code,
    int ExpireSeconds,
    string UserName,
    string UserId,
    string Purpose,
    string AppName,
    DateTimeOffset Now)
{
    public static IReadOnlyList<string> VariableNames { get; } =
        ["code", "expire_minutes", "expire_seconds", "user_name", "user_id", "purpose", "app_name", "now"];

    public int ExpireMinutes => (int)Math.Ceiling(ExpireSeconds / 60.0);

    /// <summary>The data of previews, and the first trial render.</summary>
    public static MessageModel Sample { get; } = new("123456", 300, "张三", "zhangsan", "login", "LoginOrchestrator",
        new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8)));

    /// <summary>Trial renders: the sample, and one that differs from it in every variable.</summary>
    public static IReadOnlyList<MessageModel> Samples { get; } =
    [
        Sample,
        new("90817263", 600, "Li Si", "lisi.other@corp", "bind", "Desk", new DateTimeOffset(2027, 1, 31, 23, 59, 0, TimeSpan.Zero)),
    ];
}
