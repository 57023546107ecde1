using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EcsConsole.Core.Access;

/// <summary>
/// The one-time first-run setup link. Only a hash of the token is stored, so reading the database
/// does not give anyone the link.
/// </summary>
public sealed class SetupToken
{
    public long Id { get; set; }
    public string Hash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class SetupTokenConfiguration : IEntityTypeConfiguration<SetupToken>
{
    public void Configure(EntityTypeBuilder<SetupToken> builder)
    {
        builder.ToTable("SetupTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.HasIndex(t => t.Hash).IsUnique();
    }
}
