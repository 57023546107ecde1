using EcsConsole.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EcsConsole.Core.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>
    /// Local accounts (ASP.NET Core Identity on the app's database) with the password and lockout
    /// rules from <see cref="AuthOptions"/>. The web app adds sign-in and cookies on top.
    /// </summary>
    public static IdentityBuilder AddEcsConsoleAccounts(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName)
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.AbsoluteTimeout >= o.IdleTimeout,
                "Auth:IdleTimeout must be positive and no longer than Auth:AbsoluteTimeout.")
            .Validate(o => o.MaxFailedSignIns > 0, "Auth:MaxFailedSignIns must be at least 1.")
            .Validate(o => o.PasswordMinLength >= 8, "Auth:PasswordMinLength must be at least 8.")
            .Validate(o => o.SignInAttemptsPerMinute > 0, "Auth:SignInAttemptsPerMinute must be at least 1.")
            .Validate(o => string.IsNullOrWhiteSpace(o.BootstrapAdmin.Email) == string.IsNullOrWhiteSpace(o.BootstrapAdmin.Password),
                "Auth:BootstrapAdmin needs both Email and Password, or neither.")
            .ValidateOnStart();
        services.AddOptions<IdentityOptions>().Configure<Microsoft.Extensions.Options.IOptions<AuthOptions>>((identity, auth) =>
        {
            var o = auth.Value;
            // Length matters more than composition (NIST SP 800-63B); a few distinct characters stop "aaaaaaaaaaaa".
            identity.Password.RequiredLength = o.PasswordMinLength;
            identity.Password.RequiredUniqueChars = 4;
            identity.Password.RequireDigit = false;
            identity.Password.RequireLowercase = false;
            identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = o.MaxFailedSignIns;
            identity.Lockout.DefaultLockoutTimeSpan = o.LockoutDuration;
            identity.User.RequireUniqueEmail = true;
        });
        services.AddSingleton<AccountSetup>();
        services.AddSingleton<AccountAdministration>();
        return services.AddIdentityCore<ConsoleAccount>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<EcsConsoleDbContext>();
    }
}
