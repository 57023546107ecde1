using System.Security.Claims;
using EcsConsole.Core.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace EcsConsole.Web.Services;

/// <summary>
/// The signed-in person of this circuit as Core's commands need them (name, role, client IP).
/// The IP is captured from the HTTP request that opened the circuit.
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication, IHttpContextAccessor httpContext)
{
    private readonly string? _clientIp = httpContext.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public async Task<ConsoleUser?> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return FromPrincipal(state.User, _clientIp);
    }

    public static ConsoleUser? FromPrincipal(ClaimsPrincipal principal, string? clientIp)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var role = Enum.GetValues<ConsoleRole>().Where(r => principal.IsInRole(r.ToString()))
            .DefaultIfEmpty(ConsoleRole.Viewer).Max();
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.Identity.Name ?? "unknown";
        var name = principal.FindFirstValue(ClaimTypes.Email) ?? principal.Identity.Name ?? id;
        return new ConsoleUser(id, name, role, clientIp);
    }
}
