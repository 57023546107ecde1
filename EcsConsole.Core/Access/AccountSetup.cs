using System.Security.Cryptography;
using System.Text;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EcsConsole.Core.Access;

/// <summary>
/// Start-up of the account store: the console roles, the configured bootstrap admin, and the
/// one-time setup link that lets the first person in become admin when there is nobody yet.
/// </summary>
public sealed class AccountSetup(
    IServiceScopeFactory scopes,
    IDbContextFactory<EcsConsoleDbContext> dbFactory,
    CommandRunner runner,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<AccountSetup> logger)
{
    public async Task EnsureRolesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Enum.GetNames<ConsoleRole>())
        {
            if (await roles.RoleExistsAsync(role).ConfigureAwait(false)) continue;
            Throw(await roles.CreateAsync(new IdentityRole(role)).ConfigureAwait(false), $"create the {role} role");
        }
    }

    /// <summary>Creates the configured admin if missing, and keeps it admin. Its password is only set on creation.</summary>
    public async Task SeedBootstrapAdminAsync(CancellationToken ct)
    {
        var admin = options.Value.BootstrapAdmin;
        if (!admin.IsConfigured) return;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleAccount>>();
        var account = await users.FindByEmailAsync(admin.Email!).ConfigureAwait(false);
        if (account is null)
        {
            account = NewAccount(admin.Email!, "configuration");
            Throw(await users.CreateAsync(account, admin.Password!).ConfigureAwait(false), $"create the bootstrap admin {admin.Email}");
            logger.LogInformation("Created the bootstrap admin {Email} from configuration", admin.Email);
        }

        await AccountRoles.SetAsync(users, account, ConsoleRole.Admin).ConfigureAwait(false);
    }

    public async Task<bool> AnyAccountsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.Users.AnyAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Issues a new setup token (replacing unused ones) and returns it; only its hash is kept.</summary>
    public async Task<string> IssueSetupTokenAsync(CancellationToken ct)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        await db.Set<SetupToken>().Where(t => t.UsedAt == null).ExecuteDeleteAsync(ct).ConfigureAwait(false);
        db.Set<SetupToken>().Add(new SetupToken { Hash = Hash(token), CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return token;
    }

    /// <summary>Whether a setup token can still be used (shown before the form is filled in).</summary>
    public async Task<string?> CheckSetupTokenAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token)) return "This setup link is incomplete. Copy the whole link from the server log.";
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var hash = Hash(token);
        var stored = await db.Set<SetupToken>().AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, ct).ConfigureAwait(false);
        if (stored is null) return "This setup link is not valid. Restart the server to print a new one if nobody has set up the console yet.";
        if (stored.UsedAt is not null) return "This setup link has already been used. Sign in with the admin account it created.";
        if (stored.CreatedAt + options.Value.SetupLinkLifetime < time.GetUtcNow()) return "This setup link has expired. Restart the server to print a new one.";
        if (await db.Users.AnyAsync(ct).ConfigureAwait(false)) return "The console already has accounts. Sign in, or ask an admin for an account.";
        return null;
    }

    /// <summary>Creates the first admin with a valid, unused token. The token is spent only when the account is created.</summary>
    public async Task<CommandResult<string>> RedeemSetupTokenAsync(string? token, string email, string password, string? clientIp, CancellationToken ct)
    {
        if (await CheckSetupTokenAsync(token, ct).ConfigureAwait(false) is { } problem)
        {
            return new CommandResult<string>(false, problem, null, Aws.AwsErrorKind.InvalidInput, Audit.AuditOutcome.Rejected, null);
        }

        var actor = new ConsoleUser("setup-link", email.Trim(), ConsoleRole.Admin, clientIp);
        var request = new CommandRequest(actor, ConsolePermission.ManageUsers, "CreateFirstAdmin", AccountAdministration.Target,
            AccountAdministration.ResourceFor(email.Trim()));
        return await runner.RunAsync(request, async token2 =>
        {
            AccountAdministration.ValidateEmail(email);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EcsConsoleDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleAccount>>();
            await using var tx = await db.Database.BeginTransactionAsync(token2).ConfigureAwait(false);
            var hash = Hash(token!);
            var now = time.GetUtcNow();
            // Spending the token with a conditional update makes two simultaneous submissions race
            // safely: only one of them sees a row change.
            var spent = await db.Set<SetupToken>().Where(t => t.Hash == hash && t.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), token2).ConfigureAwait(false);
            if (spent != 1 || await db.Users.AnyAsync(token2).ConfigureAwait(false))
            {
                throw new CommandRejectedException("This setup link has already been used. Sign in with the admin account it created.");
            }

            var account = NewAccount(email.Trim(), "setup link");
            AccountAdministration.Reject(await users.CreateAsync(account, password).ConfigureAwait(false));
            await AccountRoles.SetAsync(users, account, ConsoleRole.Admin).ConfigureAwait(false);
            await tx.CommitAsync(token2).ConfigureAwait(false);
            return account.Id;
        }, _ => $"Created the admin account {email.Trim()}.", ct).ConfigureAwait(false);
    }

    internal ConsoleAccount NewAccount(string email, string createdBy) => new()
    {
        UserName = email,
        Email = email,
        EmailConfirmed = true,
        CreatedAt = time.GetUtcNow(),
        CreatedBy = createdBy,
    };

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static void Throw(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary>A local account has exactly one console role, stored as an Identity role.</summary>
internal static class AccountRoles
{
    public static async Task SetAsync(UserManager<ConsoleAccount> users, ConsoleAccount account, ConsoleRole role)
    {
        var current = await users.GetRolesAsync(account).ConfigureAwait(false);
        var stale = current.Where(r => r != role.ToString()).ToList();
        if (stale.Count > 0) AccountAdministration.Reject(await users.RemoveFromRolesAsync(account, stale).ConfigureAwait(false));
        if (!current.Contains(role.ToString())) AccountAdministration.Reject(await users.AddToRoleAsync(account, role.ToString()).ConfigureAwait(false));
    }

    public static ConsoleRole From(IEnumerable<string> roles)
        => Enum.GetValues<ConsoleRole>().Where(r => roles.Contains(r.ToString())).DefaultIfEmpty(ConsoleRole.Viewer).Max();
}
