using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JlnbCrm.ServiceRequests;

internal sealed class ServiceRequestConfiguration(SqlDialect dialect) : EntityConfiguration<ServiceRequest>(dialect)
{
    private static readonly string OpenOnly = $"status IN ({string.Join(", ",
        ServiceRequest.OpenStatuses.Select(s => $"'{EnumText<ServiceRequestStatus>.ToText(s)}'"))})";

    protected override void ConfigureEntity(EntityTypeBuilder<ServiceRequest> builder)
    {
        builder.ToTable("service_requests", t =>
        {
            t.HasEnumCheck<ServiceRequestType>("type");
            t.HasEnumCheck<ServiceRequestStatus>("status");
            t.HasCheckConstraint("ck_service_requests_rejection_reason",
                $"(status = 'Rejected') = (rejection_reason IS NOT NULL AND {Dialect.NotBlank("rejection_reason")})");
            t.HasCheckConstraint("ck_service_requests_details", Dialect.NotBlank("details"));
            // A request saved without its clock started would be overdue from the year 1.
            t.HasCheckConstraint("ck_service_requests_due_at", "due_at >= created_at");
        });
        builder.Property(r => r.Type).HasMaxLength(30);
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.Property(r => r.Details).HasMaxLength(4000);
        builder.Property(r => r.RejectionReason).HasMaxLength(1000);
        builder.Property(r => r.ReopenReason).HasMaxLength(1000);
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.HasIndex(r => r.Type);
        builder.HasIndex(r => r.DueAt); // queues sort by due-at; the breach scanner looks for passed ones
        builder.HasIndex(r => r.ClientId);
        // Row-level security collects the clients of requests assigned to people (an index-only scan of these pairs).
        builder.HasIndex(r => new { r.AssignedUserId, r.ClientId });
        // A desk's queue: its open requests by status and due time; the unassigned ones executives pick up.
        builder.HasIndex(r => new { r.DeskId, r.Status, r.DueAt });
        builder.HasIndex(r => new { r.DeskId, r.AssignedUserId, r.ClientId });
        builder.HasIndex(r => new { r.DeskId, r.DueAt, r.Id });
        // The queue as a desk works it: its open requests by due time or age, from a keyset cursor. Only open rows are
        // in these indexes, so a page walks no closed request (half a desk's rows) and the oldest-first queue needs no
        // sort; PostgreSQL picks them when the statement's status list is within OpenStatuses.
        builder.HasIndex(r => new { r.DeskId, r.DueAt, r.Id }, "OpenQueueByDueAt")
            .HasDatabaseName("ix_service_requests_open_desk_id_due_at_id").HasFilter(OpenOnly);
        builder.HasIndex(r => new { r.DeskId, r.CreatedAt, r.Id }, "OpenQueueByAge")
            .HasDatabaseName("ix_service_requests_open_desk_id_created_at_id").HasFilter(OpenOnly);
        // The client's RM and RM head see requests on their book: the client's ownership is copied onto the row.
        builder.HasIndex(r => new { r.ClientRmId, r.DueAt, r.Id });
        builder.HasIndex(r => new { r.ClientTeamId, r.DueAt, r.Id });
        builder.HasOne(r => r.Desk).WithMany().HasForeignKey(r => r.DeskId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Client).WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.AssignedUser).WithMany().HasForeignKey(r => r.AssignedUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
