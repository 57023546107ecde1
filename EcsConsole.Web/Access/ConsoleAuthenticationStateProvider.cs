using System.Security.Claims;
using EcsConsole.Core.Access;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EcsConsole.Web.Access;

/// <summary>
/// A Blazor circuit lives as long as the tab; this re-checks its person every minute so that a
/// locked or deleted account, a changed role or an ended session stops the circuit too, not only
/// the next page load.
/// </summary>
internal sealed class ConsoleAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity,
    IOptions<AuthOptions> auth,
    TimeProvider time) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        var principal = state.User;
        if (SessionLimits.IsExpired(principal, auth.Value.AbsoluteTimeout, time.GetUtcNow())) return false;
        if (principal.FindFirstValue(ConsoleClaims.Source) == ConsoleClaims.OidcSource) return true;

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleAccount>>();
        var account = await users.GetUserAsync(principal);
        if (account is null || await users.IsLockedOutAsync(account)) return false;
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(account);
    }
}
