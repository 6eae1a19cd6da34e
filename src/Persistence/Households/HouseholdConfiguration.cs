using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JlnbCrm.Households;

internal sealed class HouseholdConfiguration(SqlDialect dialect) : EntityConfiguration<Household>(dialect)
{
    protected override void ConfigureEntity(EntityTypeBuilder<Household> builder)
    {
        builder.ToTable("households", t => t.HasCheckConstraint("ck_households_name", Dialect.NotBlank("name")));
        builder.Property(h => h.Name).HasMaxLength(200);
        builder.HasIndex(h => new { h.Name, h.Id });
        // A client heads one household at most (the one they belong to).
        builder.HasIndex(h => h.HeadClientId).IsUnique();
        // A head is never deleted from under the household: remove them from it (or make another member head) first.
        builder.HasOne(h => h.HeadClient).WithMany().HasForeignKey(h => h.HeadClientId).OnDelete(DeleteBehavior.Restrict);
    }
}
