namespace LoginOrchestrator.Templates;

/// <summary>
/// The variables an account notice may use (settings <c>notices.*</c>). No code, no token, no password: a notice
/// template that names one is refused on save, since the sandbox knows no such variable.
/// </summary>
/// <param name="Event">The notice's key: password_changed, account_locked, new_device, recovery_started, contact_changed.</param>
/// <param name="Link">A recovery an admin sent: the page that continues it; empty otherwise.</param>
/// <param name="Contact">A contact change: the new contact, masked; empty otherwise.</param>
public sealed record NoticeModel(
    string Event, string UserName, string UserId, string AppName, DateTimeOffset At, string Ip, string UserAgent, string Link, string Contact)
    : TemplateModel
{
    public static IReadOnlyList<string> VariableNames { get; } =
        ["event", "user_name", "user_id", "app_name", "time", "ip", "user_agent", "link", "contact"];

    public override IEnumerable<KeyValuePair<string, object>> Variables() =>
    [
        new("event", Event), new("user_name", UserName), new("user_id", UserId), new("app_name", AppName),
        new("time", TemplateTime.Format(At)), new("ip", Ip), new("user_agent", UserAgent), new("link", Link), new("contact", Contact),
    ];

    public static NoticeModel Sample { get; } = new("password_changed", "张三", "zhangsan", "LoginOrchestrator",
        new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8)), "203.0.113.7", "Mozilla/5.0 (Windows NT 10.0)",
        "https://login.example.com/recover/?flow=sample", "z***@example.com");

    /// <summary>Trial renders: the sample, and one that differs from it in every variable.</summary>
    public static IReadOnlyList<NoticeModel> Samples { get; } =
    [
        Sample,
        new("recovery_started", "Li Si", "lisi.other@corp", "Desk", new DateTimeOffset(2027, 1, 31, 23, 59, 0, TimeSpan.Zero),
            "", "", "", ""),
    ];
}
