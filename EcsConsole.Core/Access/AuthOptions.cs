namespace EcsConsole.Core.Access;

/// <summary>Sign-in and session settings (section "Auth").</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>A session ends after this long without a request (sliding).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A session ends this long after sign-in, however active it is.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Wrong passwords in a row before an account is locked out.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public int PasswordMinLength { get; set; } = 12;

    /// <summary>Sign-in and setup form posts allowed per client address per minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>How long the first-run setup link stays valid.</summary>
    public TimeSpan SetupLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An admin created (or kept admin) at start-up, for unattended deployments and tests.</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();
}

public sealed class BootstrapAdminOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Email) && !string.IsNullOrWhiteSpace(Password);
}
