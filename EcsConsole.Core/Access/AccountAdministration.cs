using System.Net.Mail;
using System.Security.Cryptography;
using EcsConsole.Core.Commands;
using EcsConsole.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EcsConsole.Core.Access;

/// <summary>A local account as the Users page lists it.</summary>
public sealed record AccountSummary(
    string Id,
    string Email,
    ConsoleRole Role,
    bool Locked,
    DateTimeOffset? LockedUntil,
    int FailedSignIns,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    bool MustChangePassword = false);

/// <summary>A new account and its temporary password, shown once to the admin who created it.</summary>
public sealed record CreatedAccount(AccountSummary Account, string TemporaryPassword);

/// <summary>
/// Admins manage local accounts here. Every change goes through <see cref="CommandRunner"/> with
/// <see cref="ConsolePermission.ManageUsers"/>, so it is refused for other roles and audited.
/// Each call uses its own DI scope: a Blazor circuit lives for hours and must not hold one DbContext.
/// </summary>
public sealed class AccountAdministration(
    IServiceScopeFactory scopes,
    IDbContextFactory<EcsConsoleDbContext> dbFactory,
    CommandRunner runner,
    TimeProvider time)
{
    /// <summary>Account changes act on the console itself, not on an AWS connection.</summary>
    public static readonly AwsTarget Target = new("console", "-");

    public static string ResourceFor(string email) => $"user:{email.Trim().ToLowerInvariant()}";

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var accounts = await db.Users.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        var roleNames = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name ?? "", ct).ConfigureAwait(false);
        var links = await db.UserRoles.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return [.. accounts
            .Select(a => Summarize(a, links.Where(l => l.UserId == a.Id).Select(l => roleNames.GetValueOrDefault(l.RoleId, "")), now))
            .OrderBy(a => a.Email, StringComparer.OrdinalIgnoreCase)];
    }

    public Task<CommandResult<CreatedAccount>> CreateAsync(ConsoleUser actor, string email, ConsoleRole role, CancellationToken ct)
        => runner.RunAsync(
            new CommandRequest(actor, ConsolePermission.ManageUsers, "CreateUser", Target, ResourceFor(email),
                new Dictionary<string, string> { ["role"] = role.ToString() }),
            async token =>
            {
                ValidateEmail(email);
                await using var scope = scopes.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleAccount>>();
                if (await users.FindByEmailAsync(email.Trim()).ConfigureAwait(false) is not null)
                {
                    throw new CommandRejectedException($"An account for {email.Trim()} already exists.");
                }

                var password = TemporaryPassword();
                var account = new ConsoleAccount
                {
                    UserName = email.Trim(),
                    Email = email.Trim(),
                    EmailConfirmed = true,
                    CreatedAt = time.GetUtcNow(),
                    CreatedBy = actor.Name,
                    MustChangePassword = true,
                };
                Reject(await users.CreateAsync(account, password).ConfigureAwait(false));
                await AccountRoles.SetAsync(users, account, role).ConfigureAwait(false);
                return new CreatedAccount(Summarize(account, [role.ToString()], time.GetUtcNow()), password);
            },
            created => $"Created {created.Account.Email} as {created.Account.Role}. Give them the temporary password; it is shown only now.",
            ct);

    public Task<CommandResult<AccountSummary>> SetRoleAsync(ConsoleUser actor, string accountId, ConsoleRole role, CancellationToken ct)
        => ChangeAsync(actor, accountId, "SetUserRole", new Dictionary<string, string> { ["role"] = role.ToString() },
            async (users, account, current) =>
            {
                if (current == role) throw new CommandRejectedException($"{account.Email} already has the {role} role.");
                if (role < ConsoleRole.Admin) await RequireAnotherAdminAsync(actor, account, current, "demote").ConfigureAwait(false);
                await AccountRoles.SetAsync(users, account, role).ConfigureAwait(false);
                // A new stamp makes open sessions pick up the new role at their next check.
                Reject(await users.UpdateSecurityStampAsync(account).ConfigureAwait(false));
                return role;
            },
            (summary, _) => $"{summary.Email} is now {summary.Role}.",
            ct);

    public Task<CommandResult<AccountSummary>> SetLockedAsync(ConsoleUser actor, string accountId, bool locked, CancellationToken ct)
        => ChangeAsync(actor, accountId, locked ? "LockUser" : "UnlockUser", null,
            async (users, account, current) =>
            {
                if (locked)
                {
                    await RequireAnotherAdminAsync(actor, account, current, "lock").ConfigureAwait(false);
                    Reject(await users.SetLockoutEnabledAsync(account, true).ConfigureAwait(false));
                    Reject(await users.SetLockoutEndDateAsync(account, DateTimeOffset.MaxValue).ConfigureAwait(false));
                    // Signs the person out of open sessions at their next check.
                    Reject(await users.UpdateSecurityStampAsync(account).ConfigureAwait(false));
                }
                else
                {
                    Reject(await users.SetLockoutEndDateAsync(account, null).ConfigureAwait(false));
                    Reject(await users.ResetAccessFailedCountAsync(account).ConfigureAwait(false));
                }

                return current;
            },
            (summary, _) => locked ? $"Locked {summary.Email}; they cannot sign in until unlocked." : $"Unlocked {summary.Email}.",
            ct);

    /// <summary>
    /// Gives an account a new temporary password (forgotten password): open sessions end, a lockout from
    /// failed sign-ins is lifted, and the person chooses their own password at the next sign-in.
    /// </summary>
    public async Task<CommandResult<CreatedAccount>> ResetPasswordAsync(ConsoleUser actor, string accountId, CancellationToken ct)
    {
        string? password = null;
        var result = await ChangeAsync(actor, accountId, "ResetUserPassword", null,
            async (users, account, current) =>
            {
                if (string.Equals(account.Id, actor.Id, StringComparison.Ordinal))
                {
                    throw new CommandRejectedException("Change your own password from the key button in the app bar instead.");
                }

                password = TemporaryPassword();
                Reject(await users.RemovePasswordAsync(account).ConfigureAwait(false));
                Reject(await users.AddPasswordAsync(account, password).ConfigureAwait(false));
                account.MustChangePassword = true;
                Reject(await users.UpdateAsync(account).ConfigureAwait(false));
                if (account.LockoutEnd is { } end && end != DateTimeOffset.MaxValue) Reject(await users.SetLockoutEndDateAsync(account, null).ConfigureAwait(false));
                Reject(await users.ResetAccessFailedCountAsync(account).ConfigureAwait(false));
                Reject(await users.UpdateSecurityStampAsync(account).ConfigureAwait(false));
                return current;
            },
            (summary, _) => $"{summary.Email} has a new temporary password; it is shown only now. Their open sessions have ended.",
            ct).ConfigureAwait(false);
        return new CommandResult<CreatedAccount>(result.Succeeded, result.Message,
            result.Value is { } summary && password is not null ? new CreatedAccount(summary, password) : null, result.ErrorKind, result.Outcome, result.AuditId);
    }

    /// <summary>The signed-in person replaces their own password (the current one proves it is them).</summary>
    public Task<CommandResult<bool>> ChangeOwnPasswordAsync(ConsoleUser actor, string? currentPassword, string? newPassword, string? confirm, CancellationToken ct)
        => runner.RunAsync(
            new CommandRequest(actor, ConsolePermission.ChangeOwnPassword, "ChangeOwnPassword", Target, ResourceFor(actor.Name)),
            async _ =>
            {
                if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword)) throw new CommandRejectedException("Enter your current password and a new one.");
                if (newPassword != confirm) throw new CommandRejectedException("The two new passwords differ.");
                if (newPassword == currentPassword) throw new CommandRejectedException("Choose a password different from the current one.");
                await using var scope = scopes.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleAccount>>();
                var account = await users.FindByIdAsync(actor.Id).ConfigureAwait(false)
                    ?? throw new CommandRejectedException("You sign in through single sign-on: change your password with your identity provider.");
                var changed = await users.ChangePasswordAsync(account, currentPassword, newPassword).ConfigureAwait(false);
                if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
                {
                    throw new CommandRejectedException("Your current password is not right.");
                }

                Reject(changed);
                account.MustChangePassword = false;
                Reject(await users.UpdateAsync(account).ConfigureAwait(false));
                return true;
            },
            _ => "Your password has been changed.",
            ct);

    /// <summary>Whether the account still has a password an admin handed out.</summary>
    public async Task<bool> MustChangePasswordAsync(string accountId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        return await db.Users.Where(u => u.Id == accountId).Select(u => u.MustChangePassword).FirstOrDefaultAsync(ct).ConfigureAwait(false);
    }

    public async Task<CommandResult<string>> DeleteAsync(ConsoleUser actor, string accountId, CancellationToken ct)
    {
        var result = await ChangeAsync(actor, accountId, "DeleteUser", null,
            async (users, account, current) =>
            {
                await RequireAnotherAdminAsync(actor, account, current, "delete").ConfigureAwait(false);
                Reject(await users.DeleteAsync(account).ConfigureAwait(false));
                return current;
            },
            (summary, _) => $"Deleted the account {summary.Email}.",
            ct).ConfigureAwait(false);
        return new CommandResult<string>(result.Succeeded, result.Message, result.Value?.Email, result.ErrorKind, result.Outcome, result.AuditId);
    }

    /// <summary>Runs one change on an existing account through the runner; the resource is the account's e-mail.</summary>
    private async Task<CommandResult<AccountSummary>> ChangeAsync(
        ConsoleUser actor,
        string accountId,
        string action,
        IReadOnlyDictionary<string, string>? parameters,
        Func<UserManager<ConsoleAccount>, ConsoleAccount, ConsoleRole, Task<ConsoleRole>> change,
        Func<AccountSummary, ConsoleRole, string> message,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct).ConfigureAwait(false);
        var email = await db.Users.Where(u => u.Id == accountId).Select(u => u.Email).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var request = new CommandRequest(actor, ConsolePermission.ManageUsers, action, Target,
            email is null ? $"user-id:{accountId}" : ResourceFor(email), parameters);
        return await runner.RunAsync(request, async token =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleAccount>>();
            var account = await users.FindByIdAsync(accountId).ConfigureAwait(false)
                ?? throw new CommandRejectedException("That account no longer exists.");
            var current = AccountRoles.From(await users.GetRolesAsync(account).ConfigureAwait(false));
            var role = await change(users, account, current).ConfigureAwait(false);
            return Summarize(account, [role.ToString()], time.GetUtcNow());
        }, summary => message(summary, summary.Role), ct).ConfigureAwait(false);
    }

    /// <summary>Nobody can lock themselves out of administration, and the console always keeps an admin.</summary>
    private async Task RequireAnotherAdminAsync(ConsoleUser actor, ConsoleAccount account, ConsoleRole current, string verb)
    {
        if (string.Equals(account.Id, actor.Id, StringComparison.Ordinal))
        {
            throw new CommandRejectedException($"You cannot {verb} your own account. Ask another admin.");
        }

        if (current != ConsoleRole.Admin) return;
        await using var db = await dbFactory.CreateDbContextAsync().ConfigureAwait(false);
        var adminRoleId = await db.Roles.Where(r => r.Name == nameof(ConsoleRole.Admin)).Select(r => r.Id).FirstAsync().ConfigureAwait(false);
        var now = time.GetUtcNow();
        var otherActiveAdmins = await db.UserRoles.Where(l => l.RoleId == adminRoleId && l.UserId != account.Id)
            .Join(db.Users, l => l.UserId, u => u.Id, (_, u) => u)
            .Select(u => u.LockoutEnd)
            .ToListAsync().ConfigureAwait(false);
        if (!otherActiveAdmins.Any(end => end is null || end <= now))
        {
            throw new CommandRejectedException($"You cannot {verb} {account.Email}: it is the only admin account that can sign in.");
        }
    }

    internal static void ValidateEmail(string email)
    {
        if (string.IsNullOrWhiteSpace(email) || !MailAddress.TryCreate(email.Trim(), out var parsed) || parsed.Address != email.Trim())
        {
            throw new CommandRejectedException("Enter an e-mail address such as name@example.com.");
        }
    }

    internal static void Reject(IdentityResult result)
    {
        if (!result.Succeeded) throw new CommandRejectedException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>20 characters from an unambiguous alphabet (about 115 bits), well over the password rules.</summary>
    internal static string TemporaryPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 20);
        return $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}-{new string(chars, 10, 5)}-{new string(chars, 15, 5)}";
    }

    private static AccountSummary Summarize(ConsoleAccount a, IEnumerable<string> roles, DateTimeOffset now) => new(
        a.Id,
        a.Email ?? a.UserName ?? a.Id,
        AccountRoles.From(roles),
        a.LockoutEnd is { } end && end > now,
        a.LockoutEnd is { } until && until > now ? until : null,
        a.AccessFailedCount,
        a.CreatedAt,
        a.CreatedBy,
        a.MustChangePassword);
}
