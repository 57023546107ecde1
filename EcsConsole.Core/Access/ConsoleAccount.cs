using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcsConsole.Core.Access;

/// <summary>A local account (ASP.NET Core Identity). The user name is the e-mail address.</summary>
public sealed class ConsoleAccount : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who created the account ("setup link", "configuration" or an admin's name).</summary>
    public string? CreatedBy { get; set; }

    /// <summary>The password was handed out by an admin (new account, reset): the person is asked to choose their own at sign-in.</summary>
    public bool MustChangePassword { get; set; }
}

internal sealed class ConsoleAccountConfiguration : IEntityTypeConfiguration<ConsoleAccount>
{
    public void Configure(EntityTypeBuilder<ConsoleAccount> builder)
        => builder.Property(a => a.CreatedBy).HasMaxLength(200);
}
