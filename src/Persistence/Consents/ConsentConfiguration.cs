using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JlnbCrm.Consents;

internal sealed class ConsentConfiguration(SqlDialect dialect) : EntityConfiguration<Consent>(dialect)
{
    protected override void ConfigureEntity(EntityTypeBuilder<Consent> builder)
    {
        builder.ToTable("consents", t =>
        {
            t.HasEnumCheck<ConsentPurpose>("purpose");
            t.HasCheckConstraint("ck_consents_evidence", Dialect.NotBlank("evidence"));
            // A withdrawal names when, by whom and how, all together.
            t.HasCheckConstraint("ck_consents_withdrawal",
                "(withdrawn_at IS NULL) = (withdrawn_by_id IS NULL) AND (withdrawn_at IS NULL) = (withdrawal_evidence IS NULL)");
            t.HasCheckConstraint("ck_consents_withdrawn_after_given", "withdrawn_at IS NULL OR withdrawn_at >= given_at");
        });
        builder.Property(c => c.Purpose).HasMaxLength(40);
        builder.Property(c => c.Evidence).HasMaxLength(Consent.EvidenceLength);
        builder.Property(c => c.WithdrawalEvidence).HasMaxLength(Consent.EvidenceLength);
        // One current grant per client and purpose (a second Give is refused as DUPLICATE, not recorded twice).
        builder.HasIndex(c => new { c.ClientId, c.Purpose }).IsUnique().HasFilter("withdrawn_at IS NULL")
            .HasDatabaseName("ix_consents_current");
        builder.HasIndex(c => new { c.ClientId, c.Purpose, c.WithdrawnAt });
        builder.HasIndex(c => c.GivenById);
        builder.HasIndex(c => c.WithdrawnById);
        builder.HasOne(c => c.Client).WithMany().HasForeignKey(c => c.ClientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.GivenBy).WithMany().HasForeignKey(c => c.GivenById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.WithdrawnBy).WithMany().HasForeignKey(c => c.WithdrawnById).OnDelete(DeleteBehavior.Restrict);
    }
}
