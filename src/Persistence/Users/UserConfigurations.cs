using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JlnbCrm.Users;

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> builder)
    {
        builder.ToTable("roles");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(60);
        builder.Property(r => r.Description).HasMaxLength(300);
        builder.HasData(Role.All.Select(r => new { r.Id, r.Name, r.Description }));
    }
}

internal sealed class TeamConfiguration(SqlDialect dialect) : EntityConfiguration<Team>(dialect)
{
    protected override void ConfigureEntity(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("teams", t =>
        {
            t.HasCheckConstraint("ck_teams_name", Dialect.NotBlank("name"));
            t.HasEnumCheck<TeamKind>("kind");
            t.HasCheckConstraint("ck_teams_default_desk", "NOT is_default_desk OR kind = 'Operations'");
        });
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Kind).HasMaxLength(20);
        builder.HasIndex(t => t.Name).IsUnique();
        // At most one default desk (the domain keeps it at exactly one once any desk exists).
        builder.HasIndex(t => t.IsDefaultDesk).IsUnique().HasFilter("is_default_desk");
    }
}

internal sealed class UserConfiguration(SqlDialect dialect) : EntityConfiguration<User>(dialect)
{
    protected override void ConfigureEntity(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users", t =>
        {
            t.HasCheckConstraint("ck_users_email", "email LIKE '_%@_%'");
            t.HasCheckConstraint("ck_users_team", "role_id = 0 OR team_id IS NOT NULL");
        });
        builder.Property(u => u.Name).HasMaxLength(120);
        builder.Property(u => u.Email).HasMaxLength(254);
        builder.Property(u => u.PasswordHash).HasMaxLength(500);
        builder.Property(u => u.SecurityStamp).HasMaxLength(64);
        builder.Property(u => u.IsActive).HasDefaultValue(true);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.HasIndex(u => u.Name);
        builder.HasOne(u => u.Role).WithMany().HasForeignKey(u => u.RoleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Team).WithMany().HasForeignKey(u => u.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
