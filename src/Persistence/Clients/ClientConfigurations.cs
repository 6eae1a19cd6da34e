using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JlnbCrm.Clients;

internal sealed class ClientConfiguration(SqlDialect dialect) : EntityConfiguration<Client>(dialect)
{
    protected override void ConfigureEntity(EntityTypeBuilder<Client> builder)
    {
        builder.ToTable("clients", t =>
        {
            t.HasCheckConstraint("ck_clients_pan", Dialect.PanCheck("pan"));
            t.HasCheckConstraint("ck_clients_name", Dialect.NotBlank("name"));
            // SQLite adds a CHECK only by rebuilding the table, which the client_owners view over it forbids; there the
            // value converter and the domain's enum keep the column to the known texts.
            if (Dialect.IsPostgres) t.HasEnumCheck<ReviewFrequency>("review_frequency");
        });
        builder.Property(c => c.ReviewFrequency).HasMaxLength(20).HasDefaultValue(ReviewFrequency.None).HasSentinel(ReviewFrequency.None);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Pan).HasMaxLength(10).IsFixedLength(false);
        builder.Property(c => c.AccountId).HasMaxLength(40);
        builder.Property(c => c.Mobile).HasMaxLength(20);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.Address).HasMaxLength(500);
        builder.HasIndex(c => c.Pan).IsUnique();
        builder.HasIndex(c => c.AccountId).IsUnique();
        // Lists sort by name with id as the tie-breaker, and RMs' lists filter by RM first.
        builder.HasIndex(c => new { c.Name, c.Id });
        builder.HasIndex(c => new { c.AssignedRmId, c.Name, c.Id });
        // A head's clients are the team's: a range of this index, so a deep keyset page costs what the first one does.
        builder.HasIndex(c => new { c.TeamId, c.Name, c.Id });
        // No foreign key: it is a copy of the RM's team (which users.team_id guards), and SQLite would rebuild clients to add one.
        builder.HasIndex(c => c.SourceLeadId);
        // My day reads an RM's reviews due by date (heads: their team's RMs, one index range each).
        builder.HasIndex(c => new { c.AssignedRmId, c.NextReviewOn });
        // No index for name fragments or mobile digits: under row-level security PostgreSQL filters LIKE/ILIKE
        // only after the policy has chosen the rows (they are not leakproof), so such indexes were never used
        // (bench/README.md). A PAN prefix is searched as a range and uses the unique PAN index.
        builder.HasOne(c => c.AssignedRm).WithMany().HasForeignKey(c => c.AssignedRmId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.SourceLead).WithMany().HasForeignKey(c => c.SourceLeadId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(c => c.Household).WithMany().HasForeignKey(c => c.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.HouseholdId, c.Name, c.Id });
        // No CHECK on the KYC status text and no foreign key on who checked it: on SQLite either would rebuild the
        // clients table under the client_owners view. The domain (Client.RecordKyc) is the only writer.
        // Existing rows become Not checked through the migration's column default.
        builder.Property(c => c.KycStatus).HasMaxLength(20);
        builder.HasIndex(c => new { c.TeamId, c.KycStatus });
        builder.HasMany(c => c.Products).WithOne(p => p.Client).HasForeignKey(p => p.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Products).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ClientProductConfiguration : IEntityTypeConfiguration<ClientProduct>
{
    public void Configure(EntityTypeBuilder<ClientProduct> builder)
    {
        builder.ToTable("client_products");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => new { p.ClientId, p.ProductId }).IsUnique();
        builder.HasIndex(p => p.ProductId);
        builder.HasIndex(p => p.ClientRmId);
        builder.HasIndex(p => p.ClientTeamId);
        builder.HasOne(p => p.Product).WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
