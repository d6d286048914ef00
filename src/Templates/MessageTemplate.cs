namespace LoginOrchestrator.Templates;

/// <summary>The templates of one channel's message: email has a title; SMS and WeCom messages only content.</summary>
public sealed record MessageTemplate(string? Title, string Content);

/// <summary>What a template renders from: its variables, and no others (the sandbox refuses any other name).</summary>
public abstract record TemplateModel
{
    /// <summary>Each variable's value; strings are escaped for an HTML body by the renderer.</summary>
    public abstract IEnumerable<KeyValuePair<string, object>> Variables();
}

/// <summary>The variables a code message may use (settings.md), and no others.</summary>
public sealed record MessageModel(
    string Code,
    int ExpireSeconds,
    string UserName,
    string UserId,
    string Purpose,
    string AppName,
    DateTimeOffset Now) : TemplateModel
{
    public static IReadOnlyList<string> VariableNames { get; } =
        ["code", "expire_minutes", "expire_seconds", "user_name", "user_id", "purpose", "app_name", "now"];

    public int ExpireMinutes => (int)Math.Ceiling(ExpireSeconds / 60.0);

    public override IEnumerable<KeyValuePair<string, object>> Variables() =>
    [
        new("code", Code), new("expire_minutes", ExpireMinutes), new("expire_seconds", ExpireSeconds),
        new("user_name", UserName), new("user_id", UserId), new("purpose", Purpose), new("app_name", AppName),
        new("now", TemplateTime.Format(Now)),
    ];

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
