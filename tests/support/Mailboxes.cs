using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using MimeKit;

namespace LoginOrchestrator.Tests.Support;

/// <summary>A mail as the recipient sees it.</summary>
public sealed partial record ReceivedMail(string Subject, string Text, string? Html)
{
    /// <summary>
    /// The first 6–8 digit word of the text that is not part of a hyphenated name: the templates greet the user by
    /// name before the code, and a test's user "rush-123456-7" (a random hex run that came out all digits) must not
    /// hand the test its own name as the code.
    /// </summary>
    public string Code => SixToEightDigits().Match(Text).Value;

    [GeneratedRegex(@"(?<![\w-])\d{6,8}(?![\w-])")]
    private static partial Regex SixToEightDigits();
}

/// <summary>Where a test reads the mails the service sent.</summary>
public interface IMailbox
{
    Task<IReadOnlyList<ReceivedMail>> MailsToAsync(string address);

    /// <summary>Waits for the <paramref name="count"/>th mail to the address and returns it.</summary>
    /// <remarks>30 s by default: room for a retry or two when the whole suite loads the machine.</remarks>
    async Task<ReceivedMail> WaitForMailAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var mails = await MailsToAsync(address);
            if (mails.Count >= count) return mails[count - 1];
            await Task.Delay(100);
        }
        throw new TimeoutException($"No mail number {count} to {address}.");
    }
}

/// <summary>maildev's REST API: the mails that reached the SMTP server since <paramref name="since"/>.</summary>
public sealed class MaildevMailbox(string baseUrl, DateTimeOffset since) : IMailbox
{
    private static readonly HttpClient Http = new();

    /// <summary>maildev stamps mails to the whole second: a mail in the same second as <c>since</c> counts.</summary>
    private readonly DateTimeOffset _since = since.AddTicks(-(since.Ticks % TimeSpan.TicksPerSecond));

    public async Task<IReadOnlyList<ReceivedMail>> MailsToAsync(string address)
    {
        var mails = await RecentListingAsync(baseUrl);
        return [.. mails
            .Where(m => m.Time >= _since && m.To.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(m => m.Time)
            .Select(m => new ReceivedMail(m.Subject ?? "", m.Text ?? "", m.Html))];
    }

    /// <summary>Every mail maildev holds for the address, whenever it came.</summary>
    public static async Task<int> CountAllAsync(string baseUrl, string address) =>
        (await Http.GetFromJsonAsync<List<MaildevMail>>($"{baseUrl}/api/email") ?? [])
            .Count(m => m.To.Any(t => string.Equals(t.Address, address, StringComparison.OrdinalIgnoreCase)));

    private static readonly Lock ListingGate = new();
    private static (string Url, DateTime At, Task<List<MaildevMail>> List)? _listing;

    /// <summary>
    /// maildev answers with every mail it holds, and its one thread also takes the SMTP sessions: many tests waiting at
    /// once (a burst of logins) share one listing no older than 150 ms, so waiting does not slow the sends it waits for.
    /// </summary>
    private static Task<List<MaildevMail>> RecentListingAsync(string baseUrl)
    {
        lock (ListingGate)
        {
            if (_listing is { } recent && recent.Url == baseUrl && DateTime.UtcNow - recent.At < TimeSpan.FromMilliseconds(150) && !recent.List.IsFaulted) return recent.List;
            var list = Fetch();
            _listing = (baseUrl, DateTime.UtcNow, list);
            return list;
        }

        async Task<List<MaildevMail>> Fetch() => await Http.GetFromJsonAsync<List<MaildevMail>>($"{baseUrl}/api/email") ?? [];
    }

    private sealed record MaildevMail(
        [property: JsonPropertyName("subject")] string? Subject,
        [property: JsonPropertyName("text")] string? Text,
        [property: JsonPropertyName("html")] string? Html,
        [property: JsonPropertyName("time")] DateTimeOffset Time,
        [property: JsonPropertyName("to")] List<MaildevAddress> To);

    private sealed record MaildevAddress([property: JsonPropertyName("address")] string Address);
}

/// <summary>The embedded default's outbox folder of .eml files.</summary>
public sealed class OutboxMailbox(string directory) : IMailbox
{
    /// <remarks>
    /// In the order they were written: the files' names start with the service's clock, which in a test is one the test
    /// moves, so two mails in the same moment of it would sort by the random rest of their names.
    /// </remarks>
    public async Task<IReadOnlyList<ReceivedMail>> MailsToAsync(string address)
    {
        if (!Directory.Exists(directory)) return [];
        var mails = new List<ReceivedMail>();
        foreach (var file in Directory.GetFiles(directory, "*.eml").OrderBy(File.GetLastWriteTimeUtc).ThenBy(name => name, StringComparer.Ordinal))
        {
            var mail = await MimeMessage.LoadAsync(file);
            if (mail.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
                mails.Add(new ReceivedMail(mail.Subject ?? "", mail.TextBody ?? "", mail.HtmlBody));
        }
        return mails;
    }
}
