using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JlnbCrm.ClientQueries;

internal sealed class ClientQueryConfiguration(SqlDialect dialect) : EntityConfiguration<ClientQuery>(dialect)
{
    protected override void ConfigureEntity(EntityTypeBuilder<ClientQuery> builder)
    {
        builder.ToTable("queries", t =>
        {
            t.HasEnumCheck<ClientQueryStatus>("status");
            t.HasCheckConstraint("ck_queries_resolution",
                $"status IN ('Open', 'In Progress') OR (resolution IS NOT NULL AND {Dialect.NotBlank("resolution")} AND resolved_at IS NOT NULL)");
            t.HasCheckConstraint("ck_queries_details", Dialect.NotBlank("details"));
            // A query saved without its clock started would be overdue from the year 1.
            t.HasCheckConstraint("ck_queries_due_at", "due_at >= created_at");
        });
        builder.Property(q => q.Details).HasMaxLength(4000);
        builder.Property(q => q.Resolution).HasMaxLength(4000);
        builder.Property(q => q.Status).HasMaxLength(20);
        builder.HasIndex(q => new { q.Status, q.CreatedAt });
        builder.HasIndex(q => q.ClientId);
        // Visibility by the client's RM or team (copied onto the row), in the queue's due-at order.
        builder.HasIndex(q => new { q.ClientRmId, q.DueAt, q.Id });
        builder.HasIndex(q => new { q.ClientTeamId, q.DueAt, q.Id });
        builder.HasIndex(q => q.DueAt); // queues sort by due-at; the breach scanner looks for passed ones
        // Row-level security collects the clients of queries assigned to people (an index-only scan of these pairs).
        builder.HasIndex(q => new { q.AssignedRmId, q.ClientId });
        builder.HasOne(q => q.Client).WithMany().HasForeignKey(q => q.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(q => q.AssignedRm).WithMany().HasForeignKey(q => q.AssignedRmId).OnDelete(DeleteBehavior.Restrict);
    }
}
