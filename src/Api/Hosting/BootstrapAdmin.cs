using LoginOrchestrator.Orchestrator.Policy;
using LoginOrchestrator.Orchestrator.Ports;
using LoginOrchestrator.Stores.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LoginOrchestrator.Api.Hosting;

/// <summary>Creates the first admin from <c>Bootstrap__*</c> when the user table is empty.</summary>
public sealed class BootstrapAdmin(LoginDbContext db, IPasswordHasher passwords, IOptions<BootstrapOptions> options, TimeProvider time, ILogger<BootstrapAdmin> logger)
{
    private async Task<bool> AnotherInstanceCreatedItAsync(string userId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var canonical = UserIds.Canonical(userId);
        return await db.Users.AnyAsync(u => u.NormalizedUserId == canonical, cancellationToken);
    }

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken)) return;
        var bootstrap = options.Value;
        if (string.IsNullOrEmpty(bootstrap.AdminUserId) || string.IsNullOrEmpty(bootstrap.AdminPassword))
        {
            logger.LogWarning("No user exists and Bootstrap__AdminUserId / Bootstrap__AdminPassword are not set: nobody can sign in yet.");
            return;
        }

        var now = time.GetUtcNow();
        db.Users.Add(new UserAccount
        {
            UserId = bootstrap.AdminUserId,
            NormalizedUserId = UserIds.Canonical(bootstrap.AdminUserId),
            Name = bootstrap.AdminUserId,
            Role = Roles.Admin,
            PasswordHash = passwords.Hash(bootstrap.AdminPassword),
            CreatedAt = now,
            UpdatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Instances started together on an empty database: the first insert wins, and the others are done too.
            if (!await AnotherInstanceCreatedItAsync(bootstrap.AdminUserId, cancellationToken)) throw;
            logger.LogInformation("The first admin {UserId} was created by another instance.", bootstrap.AdminUserId);
            return;
        }
        logger.LogInformation("Created the first admin {UserId} from the Bootstrap settings.", bootstrap.AdminUserId);
    }
}
