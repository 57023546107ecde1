using EcsConsole.Core.Access;
using EcsConsole.Core.Audit;
using EcsConsole.Tests.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EcsConsole.Tests.Core.Access;

public sealed class AccountAdministrationTests : IAsyncLifetime
{
    private AccessTestHost _host = null!;
    private ConsoleUser _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AccountAdministration Accounts => _host.Get<AccountAdministration>();

    public async ValueTask InitializeAsync()
    {
        _host = await AccessTestHost.StartAsync();
        var id = await _host.Services.CreateAccountAsync("boss@example.test", ConsoleRole.Admin);
        _admin = new ConsoleUser(id, "boss@example.test", ConsoleRole.Admin, "198.51.100.1");
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task An_admin_creates_an_account_whose_temporary_password_signs_in_with_the_chosen_role()
    {
        var result = await Accounts.CreateAsync(_admin, "new.person@example.test", ConsoleRole.Operator, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("Created new.person@example.test as Operator. Give them the temporary password; it is shown only now.", result.Message);
        await using var scope = _host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleAccount>>();
        var account = await users.FindByEmailAsync("new.person@example.test");
        Assert.NotNull(account);
        Assert.True(await users.CheckPasswordAsync(account, result.Value!.TemporaryPassword));
        Assert.Equal(["Operator"], await users.GetRolesAsync(account));
        var listed = Assert.Single(await Accounts.ListAsync(Ct), a => a.Email == "new.person@example.test");
        Assert.Equal(ConsoleRole.Operator, listed.Role);
        Assert.Equal("boss@example.test", listed.CreatedBy);

        var entry = Assert.Single(await _host.Get<AuditLog>().QueryAsync(new AuditQuery(Action: "CreateUser"), Ct));
        Assert.Equal(AuditOutcome.Succeeded, entry.Outcome);
        Assert.Equal("user:new.person@example.test", entry.Resource);
        Assert.Equal("{\"role\":\"Operator\"}", entry.Parameters);
        Assert.DoesNotContain(result.Value.TemporaryPassword, entry.Parameters, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ConsoleRole.Viewer)]
    [InlineData(ConsoleRole.Operator)]
    public async Task Only_admins_manage_accounts_and_a_refusal_creates_nothing(ConsoleRole role)
    {
        var someone = new ConsoleUser("x", $"{role}@example.test", role);
        var result = await Accounts.CreateAsync(someone, "sneaky@example.test", ConsoleRole.Admin, Ct);

        Assert.True(result.Refused);
        Assert.Equal($"Your role ({role}) cannot manage users; this needs the Admin role.", result.Message);
        Assert.DoesNotContain(await Accounts.ListAsync(Ct), a => a.Email == "sneaky@example.test");
        var entry = Assert.Single(await _host.Get<AuditLog>().QueryAsync(new AuditQuery(Outcome: AuditOutcome.Refused), Ct));
        Assert.Equal("user:sneaky@example.test", entry.Resource);
    }

    [Theory]
    [InlineData("not-an-address", "Enter an e-mail address such as name@example.com.")]
    [InlineData("", "Enter an e-mail address such as name@example.com.")]
    [InlineData("boss@example.test", "An account for boss@example.test already exists.")]
    public async Task A_bad_or_taken_address_is_rejected_with_a_sentence(string email, string message)
    {
        var result = await Accounts.CreateAsync(_admin, email, ConsoleRole.Viewer, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(AuditOutcome.Rejected, result.Outcome);
        Assert.Equal(message, result.Message);
        Assert.Single(await Accounts.ListAsync(Ct));
    }

    [Fact]
    public async Task An_admin_changes_a_role_locks_unlocks_and_deletes_an_account()
    {
        var id = await _host.Services.CreateAccountAsync("dev@example.test", ConsoleRole.Viewer);

        var promoted = await Accounts.SetRoleAsync(_admin, id, ConsoleRole.Operator, Ct);
        Assert.Equal("dev@example.test is now Operator.", promoted.Message);
        Assert.Equal(ConsoleRole.Operator, (await Accounts.ListAsync(Ct)).Single(a => a.Id == id).Role);

        var locked = await Accounts.SetLockedAsync(_admin, id, locked: true, Ct);
        Assert.Equal("Locked dev@example.test; they cannot sign in until unlocked.", locked.Message);
        Assert.True((await Accounts.ListAsync(Ct)).Single(a => a.Id == id).Locked);

        var unlocked = await Accounts.SetLockedAsync(_admin, id, locked: false, Ct);
        Assert.True(unlocked.Succeeded);
        Assert.False((await Accounts.ListAsync(Ct)).Single(a => a.Id == id).Locked);

        var deleted = await Accounts.DeleteAsync(_admin, id, Ct);
        Assert.Equal("Deleted the account dev@example.test.", deleted.Message);
        Assert.DoesNotContain(await Accounts.ListAsync(Ct), a => a.Id == id);

        var actions = (await _host.Get<AuditLog>().QueryAsync(new AuditQuery(Resource: "user:dev@example.test"), Ct)).Select(e => e.Action);
        Assert.Equal(["DeleteUser", "UnlockUser", "LockUser", "SetUserRole"], actions);
    }

    [Fact]
    public async Task An_admin_cannot_lock_out_themselves_or_remove_the_last_admin()
    {
        Assert.Equal("You cannot lock your own account. Ask another admin.", (await Accounts.SetLockedAsync(_admin, _admin.Id, true, Ct)).Message);
        Assert.Equal("You cannot delete your own account. Ask another admin.", (await Accounts.DeleteAsync(_admin, _admin.Id, Ct)).Message);
        Assert.Equal("You cannot demote your own account. Ask another admin.", (await Accounts.SetRoleAsync(_admin, _admin.Id, ConsoleRole.Viewer, Ct)).Message);

        // A second admin who is locked does not count as a way back in.
        var other = await _host.Services.CreateAccountAsync("other.admin@example.test", ConsoleRole.Admin);
        var otherAdmin = new ConsoleUser(other, "other.admin@example.test", ConsoleRole.Admin);
        Assert.True((await Accounts.SetLockedAsync(_admin, other, true, Ct)).Succeeded);
        var demote = await Accounts.SetRoleAsync(otherAdmin, _admin.Id, ConsoleRole.Viewer, Ct);
        Assert.Equal("You cannot demote boss@example.test: it is the only admin account that can sign in.", demote.Message);
        Assert.Equal(ConsoleRole.Admin, (await Accounts.ListAsync(Ct)).Single(a => a.Id == _admin.Id).Role);
    }

    [Fact]
    public async Task Changing_an_account_that_was_deleted_meanwhile_says_so()
    {
        var result = await Accounts.SetRoleAsync(_admin, "no-such-id", ConsoleRole.Operator, Ct);
        Assert.Equal("That account no longer exists.", result.Message);
        Assert.Equal(AuditOutcome.Rejected, result.Outcome);
    }

    private async Task<(UserManager<ConsoleAccount> Users, ConsoleAccount Account, AsyncServiceScope Scope)> FindAsync(string email)
    {
        var scope = _host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleAccount>>();
        return (users, (await users.FindByEmailAsync(email))!, scope);
    }

    [Fact]
    public async Task A_reset_gives_a_new_temporary_password_ends_sessions_and_lifts_a_failed_sign_in_lockout()
    {
        var created = await Accounts.CreateAsync(_admin, "forgot@example.test", ConsoleRole.Operator, Ct);
        var (users, before, scope) = await FindAsync("forgot@example.test");
        await using (scope)
        {
            await users.AccessFailedAsync(before);
            await users.SetLockoutEndDateAsync(before, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        var stamp = before.SecurityStamp;
        var reset = await Accounts.ResetPasswordAsync(_admin, before.Id, Ct);

        Assert.True(reset.Succeeded, reset.Message);
        Assert.Equal("forgot@example.test has a new temporary password; it is shown only now. Their open sessions have ended.", reset.Message);
        var (users2, after, scope2) = await FindAsync("forgot@example.test");
        await using (scope2)
        {
            Assert.True(await users2.CheckPasswordAsync(after, reset.Value!.TemporaryPassword));
            Assert.False(await users2.CheckPasswordAsync(after, created.Value!.TemporaryPassword));
            Assert.True(after.MustChangePassword);
            Assert.NotEqual(stamp, after.SecurityStamp);
            Assert.False(await users2.IsLockedOutAsync(after));
        }

        var entry = Assert.Single(await _host.Get<AuditLog>().QueryAsync(new AuditQuery(Action: "ResetUserPassword"), Ct));
        Assert.Equal(AuditOutcome.Succeeded, entry.Outcome);
        Assert.Equal("user:forgot@example.test", entry.Resource);
        Assert.True(Assert.Single(await Accounts.ListAsync(Ct), a => a.Email == "forgot@example.test").MustChangePassword);
    }

    [Fact]
    public async Task Only_another_admin_resets_a_password()
    {
        var id = await _host.Services.CreateAccountAsync("op.reset@example.test", ConsoleRole.Operator);
        var operatorUser = new ConsoleUser(id, "op.reset@example.test", ConsoleRole.Operator);

        var refused = await Accounts.ResetPasswordAsync(operatorUser, _admin.Id, Ct);
        var own = await Accounts.ResetPasswordAsync(_admin, _admin.Id, Ct);

        Assert.True(refused.Refused);
        Assert.Null(refused.Value);
        Assert.Equal(AuditOutcome.Rejected, own.Outcome);
        Assert.Equal("Change your own password from the key button in the app bar instead.", own.Message);
        Assert.Null(own.Value);
    }

    [Fact]
    public async Task A_person_changes_their_own_temporary_password_and_the_console_stops_asking()
    {
        var created = await Accounts.CreateAsync(_admin, "viewer.pw@example.test", ConsoleRole.Viewer, Ct);
        var viewer = new ConsoleUser(created.Value!.Account.Id, "viewer.pw@example.test", ConsoleRole.Viewer, "203.0.113.5");
        Assert.True(await Accounts.MustChangePasswordAsync(viewer.Id, Ct));

        var changed = await Accounts.ChangeOwnPasswordAsync(viewer, created.Value.TemporaryPassword, "my own long passphrase", "my own long passphrase", Ct);

        Assert.True(changed.Succeeded, changed.Message);
        Assert.Equal("Your password has been changed.", changed.Message);
        Assert.False(await Accounts.MustChangePasswordAsync(viewer.Id, Ct));
        var (users, account, scope) = await FindAsync("viewer.pw@example.test");
        await using (scope) Assert.True(await users.CheckPasswordAsync(account, "my own long passphrase"));
        var entry = Assert.Single(await _host.Get<AuditLog>().QueryAsync(new AuditQuery(Action: "ChangeOwnPassword"), Ct));
        Assert.Equal(AuditOutcome.Succeeded, entry.Outcome);
        Assert.Equal("203.0.113.5", entry.ClientIp);
    }

    [Theory]
    [InlineData("wrong current password", "new long passphrase", "new long passphrase", "Your current password is not right.")]
    [InlineData(null, "new long passphrase", "new long passphrase", "Enter your current password and a new one.")]
    [InlineData("CURRENT", "new long passphrase", "another passphrase", "The two new passwords differ.")]
    [InlineData("CURRENT", "CURRENT", "CURRENT", "Choose a password different from the current one.")]
    [InlineData("CURRENT", "short", "short", "Passwords must be at least 12 characters.")]
    public async Task A_bad_password_change_says_why_and_keeps_the_old_password(string? current, string next, string confirm, string message)
    {
        var created = await Accounts.CreateAsync(_admin, "typo@example.test", ConsoleRole.Operator, Ct);
        var temporary = created.Value!.TemporaryPassword;
        var person = new ConsoleUser(created.Value.Account.Id, "typo@example.test", ConsoleRole.Operator);

        var result = await Accounts.ChangeOwnPasswordAsync(person, current == "CURRENT" ? temporary : current,
            next == "CURRENT" ? temporary : next, confirm == "CURRENT" ? temporary : confirm, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Message);
        Assert.Equal(AuditOutcome.Rejected, result.Outcome);
        Assert.True(await Accounts.MustChangePasswordAsync(person.Id, Ct));
        var (users, account, scope) = await FindAsync("typo@example.test");
        await using (scope) Assert.True(await users.CheckPasswordAsync(account, temporary));
    }

    [Fact]
    public async Task A_single_sign_on_person_is_told_to_change_the_password_at_their_provider()
    {
        var sso = new ConsoleUser("oidc-subject-123", "sso@example.test", ConsoleRole.Viewer);

        var result = await Accounts.ChangeOwnPasswordAsync(sso, "anything at all", "new long passphrase", "new long passphrase", Ct);

        Assert.Equal("You sign in through single sign-on: change your password with your identity provider.", result.Message);
    }
}
