using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JlnbCrm.Leads;

internal sealed class LeadConfiguration(SqlDialect dialect) : EntityConfiguration<Lead>(dialect)
{
    protected override void ConfigureEntity(EntityTypeBuilder<Lead> builder)
    {
        builder.ToTable("leads", t =>
        {
            t.HasEnumCheck<LeadStatus>("status");
            t.HasEnumCheck<ModeOfCommunication>("mode_of_communication");
            t.HasCheckConstraint("ck_leads_pan", $"pan IS NULL OR ({Dialect.PanCheck("pan")})");
            // A reason exactly when Denied; a client exactly when Converted.
            t.HasCheckConstraint("ck_leads_denial_reason",
                $"(status = 'Denied') = (denial_reason IS NOT NULL AND {Dialect.NotBlank("denial_reason")})");
            t.HasCheckConstraint("ck_leads_converted_client", "(status = 'Converted') = (converted_client_id IS NOT NULL)");
            t.HasCheckConstraint("ck_leads_contact", "mobile IS NOT NULL OR email IS NOT NULL");
        });
        builder.Property(l => l.ProspectName).HasMaxLength(200);
        builder.Property(l => l.Mobile).HasMaxLength(20);
        builder.Property(l => l.Email).HasMaxLength(254);
        builder.Property(l => l.Pan).HasMaxLength(10);
        builder.Property(l => l.RefGivenBy).HasMaxLength(200);
        builder.Property(l => l.Notes).HasMaxLength(2000);
        builder.Property(l => l.DenialReason).HasMaxLength(1000);
        builder.Property(l => l.Status).HasMaxLength(20);
        builder.Property(l => l.ModeOfCommunication).HasMaxLength(20);
        builder.HasIndex(l => new { l.Status, l.CreatedAt });
        builder.HasIndex(l => l.RefObtainedById);
        builder.HasIndex(l => l.ConversionRmId);
        builder.HasIndex(l => l.ProductId);
        builder.HasIndex(l => l.Pan);
        builder.HasIndex(l => l.ConvertedClientId);
        builder.HasIndex(l => l.OriginInteractionId);
        builder.HasIndex(l => l.RefGivenByClientId);
        builder.HasOne(l => l.RefObtainedBy).WithMany().HasForeignKey(l => l.RefObtainedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(l => l.ConversionRm).WithMany().HasForeignKey(l => l.ConversionRmId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(l => l.Product).WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(l => l.RefGivenByClient).WithMany().HasForeignKey(l => l.RefGivenByClientId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(l => l.ConvertedClient).WithMany().HasForeignKey(l => l.ConvertedClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(l => l.OriginInteraction).WithMany().HasForeignKey(l => l.OriginInteractionId).OnDelete(DeleteBehavior.SetNull);
    }
}
