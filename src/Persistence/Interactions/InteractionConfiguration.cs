using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JlnbCrm.Interactions;

internal sealed class InteractionConfiguration(SqlDialect dialect) : EntityConfiguration<Interaction>(dialect)
{
    protected override void ConfigureEntity(EntityTypeBuilder<Interaction> builder)
    {
        builder.ToTable("interactions", t =>
        {
            t.HasEnumCheck<InteractionType>("type");
            t.HasCheckConstraint("ck_interactions_query", "type <> 'Query Resolution' OR related_query_id IS NOT NULL");
            t.HasCheckConstraint("ck_interactions_details", Dialect.NotBlank("details"));
        });
        builder.Property(i => i.Type).HasMaxLength(30);
        builder.Property(i => i.Details).HasMaxLength(4000);
        // A client's timeline reads newest first.
        builder.HasIndex(i => new { i.ClientId, i.OccurredAt, i.Id });
        builder.HasIndex(i => new { i.UserId, i.OccurredAt });
        builder.HasIndex(i => i.OccurredAt);
        // Visibility by the client's RM or team (copied onto the row), newest first as the lists sort.
        builder.HasIndex(i => new { i.ClientRmId, i.OccurredAt, i.Id });
        builder.HasIndex(i => new { i.ClientTeamId, i.OccurredAt, i.Id });
        builder.HasIndex(i => i.RelatedProductId);
        builder.HasIndex(i => i.RelatedQueryId);
        builder.HasOne(i => i.Client).WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.User).WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.RelatedProduct).WithMany().HasForeignKey(i => i.RelatedProductId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.RelatedQuery).WithMany().HasForeignKey(i => i.RelatedQueryId).OnDelete(DeleteBehavior.Restrict);
    }
}
