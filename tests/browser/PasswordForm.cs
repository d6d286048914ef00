using Microsoft.Playwright;

namespace LoginOrchestrator.Browser.Tests;

/// <summary>The login page's password form in English, found by its labels as a screen-reader user finds it.</summary>
public static class PasswordForm
{
    public static ILocator UserId(IPage page) => page.GetByLabel("User ID", new() { Exact = true });

    public static ILocator Password(IPage page) => page.GetByLabel("Password", new() { Exact = true });

    public static async Task FillAsync(IPage page, string userId, string password)
    {
        await UserId(page).FillAsync(userId);
        await Password(page).FillAsync(password);
    }

    /// <summary>Fills the form and sends it from the keyboard.</summary>
    public static async Task SubmitAsync(IPage page, string userId, string password)
    {
        await FillAsync(page, userId, password);
        await Password(page).PressAsync("Enter");
    }
}
