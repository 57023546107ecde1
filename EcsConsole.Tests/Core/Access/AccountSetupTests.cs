using EcsConsole.Core.Access;
using EcsConsole.Core.Audit;
using EcsConsole.Tests.Web.Access;

namespace EcsConsole.Tests.Core.Access;

public sealed class AccountSetupTests : IAsyncLifetime
{
    private AccessTestHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AccountSetup Setup => _host.Get<AccountSetup>();

    public async ValueTask InitializeAsync() => _host = await AccessTestHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_setup_token_creates_the_first_admin_once()
    {
        var token = await Setup.IssueSetupTokenAsync(Ct);
        Assert.Null(await Setup.CheckSetupTokenAsync(token, Ct));

        var first = await Setup.RedeemSetupTokenAsync(token, "first@example.test", "a-good-long-password", "127.0.0.1", Ct);
        Assert.True(first.Succeeded, first.Message);
        var admin = Assert.Single(await _host.Get<AccountAdministration>().ListAsync(Ct));
        Assert.Equal(ConsoleRole.Admin, admin.Role);
        Assert.Equal("setup link", admin.CreatedBy);

        var second = await Setup.RedeemSetupTokenAsync(token, "second@example.test", "a-good-long-password", "127.0.0.1", Ct);
        Assert.False(second.Succeeded);
        Assert.Equal("This setup link has already been used. Sign in with the admin account it created.", second.Message);
        Assert.Single(await _host.Get<AccountAdministration>().ListAsync(Ct));
        var audit = Assert.Single(await _host.Get<AuditLog>().QueryAsync(new AuditQuery(Action: "CreateFirstAdmin"), Ct));
        Assert.Equal(AuditOutcome.Succeeded, audit.Outcome);
    }

    [Fact]
    public async Task Only_a_hash_of_the_token_is_stored()
    {
        var token = await Setup.IssueSetupTokenAsync(Ct);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(_host.DataPath, "ecsconsole.db"), Ct);
        Assert.DoesNotContain(token, System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weak_password_is_refused_and_does_not_spend_the_token()
    {
        var token = await Setup.IssueSetupTokenAsync(Ct);
        var weak = await Setup.RedeemSetupTokenAsync(token, "first@example.test", "short", null, Ct);
        Assert.False(weak.Succeeded);
        Assert.Contains("Passwords must be at least 12 characters.", weak.Message, StringComparison.Ordinal);

        var retry = await Setup.RedeemSetupTokenAsync(token, "first@example.test", "a-good-long-password", null, Ct);
        Assert.True(retry.Succeeded, retry.Message);
    }

    [Fact]
    public async Task A_wrong_replaced_or_expired_token_is_refused_with_a_sentence()
    {
        Assert.Equal("This setup link is not valid. Restart the server to print a new one if nobody has set up the console yet.",
            await Setup.CheckSetupTokenAsync("made-up", Ct));

        var old = await Setup.IssueSetupTokenAsync(Ct);
        var current = await Setup.IssueSetupTokenAsync(Ct);
        Assert.NotNull(await Setup.CheckSetupTokenAsync(old, Ct));

        _host.Time.Advance(TimeSpan.FromHours(25));
        Assert.Equal("This setup link has expired. Restart the server to print a new one.", await Setup.CheckSetupTokenAsync(current, Ct));
        Assert.False((await Setup.RedeemSetupTokenAsync(current, "late@example.test", "a-good-long-password", null, Ct)).Succeeded);
        Assert.Empty(await _host.Get<AccountAdministration>().ListAsync(Ct));
    }

    [Fact]
    public async Task The_bootstrap_admin_from_configuration_is_created_once_and_stays_admin()
    {
        await using var host = await AccessTestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Auth:BootstrapAdmin:Email"] = "ops-admin@example.test",
            ["Auth:BootstrapAdmin:Password"] = "configured-password",
        });
        var setup = host.Get<AccountSetup>();
        await setup.SeedBootstrapAdminAsync(Ct);
        var id = Assert.Single(await host.Get<AccountAdministration>().ListAsync(Ct)).Id;
        var otherId = await host.Services.CreateAccountAsync("other.admin@example.test", ConsoleRole.Admin);
        var demoted = await host.Get<AccountAdministration>().SetRoleAsync(
            new ConsoleUser(otherId, "other.admin@example.test", ConsoleRole.Admin), id, ConsoleRole.Viewer, Ct);
        Assert.True(demoted.Succeeded, demoted.Message);

        await setup.SeedBootstrapAdminAsync(Ct);
        var admin = Assert.Single(await host.Get<AccountAdministration>().ListAsync(Ct), a => a.Id == id);
        Assert.Equal(ConsoleRole.Admin, admin.Role);
        Assert.True(await setup.AnyAccountsAsync(Ct));
    }
}
