using LoginOrchestrator.Orchestrator.Engine;
using LoginOrchestrator.Orchestrator.Machine;
using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Orchestrator.Steps;
using LoginOrchestrator.Steps.WeCom;
using Microsoft.Extensions.Logging;

namespace LoginOrchestrator.Steps.Passwords;

/// <param name="UserId">As typed: from here on only its canonical form is used, for the lookup, the lock and the audit.</param>
public sealed record PasswordInput(string UserId, string Password) : StepInput;

/// <summary>
/// The first factor by password. With WeCom (WeComCheck) the directory vouches for the member and the local hash for the
/// password; when WeCom cannot answer and the fallback is on, the held password is checked locally (degraded) at once.
/// Without WeCom (PasswordFallback) only a registered, enabled user's local password passes.
/// </summary>
public sealed class PasswordStep(
    IUserDirectory directory, IPasswordHasher passwords, IUserAccounts accounts, DepartedMembers departed, ILogger<PasswordStep> logger)
    : LoginStep<PasswordInput>
{
    public override LoginTrigger Action => LoginTrigger.SubmitPassword;

    public override StepAction Describe(StepView view) =>
        new("submitPassword", "password", [new("userId", "text", true), new("password", "password", true)]);

    protected override string? SubjectOf(StepContext context, PasswordInput input) => NamedSubject(input);

    protected override string? NamedSubject(PasswordInput input) => UserIds.Canonical(input.UserId);

    protected override async Task<StepOutcome> HandleAsync(StepContext context, PasswordInput input)
    {
        var userId = UserIds.Canonical(input.UserId);
        if (context.Flow.State != LoginState.WeComCheck) return await CheckLocalPasswordAsync(context, userId, input.Password);
        return UserIds.IsAllowed(userId)
            ? await CheckWithDirectoryAsync(context, userId, input.Password)
            : await RefuseAsUnknownAsync(context, input.Password);
    }

    private async Task<StepOutcome> CheckWithDirectoryAsync(StepContext context, string userId, string password)
    {
        var answer = await directory.LookupAsync(userId, context.CancellationToken);
        switch (answer)
        {
            case DirectoryAnswer.Unavailable unavailable:
                var outcome = DirectoryOutage.Enter(context, unavailable, logger);
                // Fallback enabled: PasswordFallback (degraded) checks the held password at once.
                return context.Flow.State == LoginState.PasswordFallback
                    ? await CheckLocalPasswordAsync(context, userId, password)
                    : outcome;
            case DirectoryAnswer.Confirmed confirmed:
                var account = await accounts.FindAsync(userId, context.CancellationToken);
                // The directory vouches for the member now, whatever it said before.
                var enabled = account is { User.Disabled: false } ? account : null;
                if (!await passwords.VerifyAsync(password, enabled?.PasswordHash, context.CancellationToken))
                    return StepOutcome.Reject(LoginTrigger.PasswordRejected, FlowCodes.InvalidCredentials);
                account = await accounts.SyncFromDirectoryAsync(confirmed.User, context.CancellationToken) ?? account;
                return new StepOutcome.FirstFactorPassed(account!.User, LoginFactor.Password, ViaDirectory: true);
            case DirectoryAnswer.Rejected rejected:
                await departed.RevokeIfGoneAsync(rejected, fallbackUserId: userId, context.CancellationToken);
                return await RefuseAsUnknownAsync(context, password);
            default:
                throw new InvalidOperationException($"Unknown directory answer {answer}.");
        }
    }

    /// <summary>Unknown or disabled in WeCom, or no id an account can have: the same cost and answer as a wrong password.</summary>
    private async Task<StepOutcome> RefuseAsUnknownAsync(StepContext context, string password)
    {
        await passwords.VerifyAsync(password, hash: null, context.CancellationToken);
        return StepOutcome.Reject(LoginTrigger.DirectoryRejected, FlowCodes.InvalidCredentials);
    }

    /// <summary>Not a user the directory last called departed: everyone else gets one answer.</summary>
    private async Task<StepOutcome> CheckLocalPasswordAsync(StepContext context, string userId, string password)
    {
        var account = await accounts.FindAsync(userId, context.CancellationToken);
        var usable = account is { User: { Disabled: false, LeftDirectory: false } } ? account : null;
        if (!await passwords.VerifyAsync(password, usable?.PasswordHash, context.CancellationToken))
            return StepOutcome.Reject(LoginTrigger.PasswordRejected, FlowCodes.InvalidCredentials);
        return new StepOutcome.FirstFactorPassed(account!.User, LoginFactor.Password, ViaDirectory: false);
    }
}
