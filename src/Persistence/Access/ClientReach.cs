using JlnbCrm.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JlnbCrm.Access;

/// <summary>Whose work a <see cref="ClientReach"/> row stands for.</summary>
public enum ReachKind
{
    /// <summary>A person: requests and queries assigned to them.</summary>
    Assignee = 1,
    /// <summary>
    /// A team, for its head: every request on it as a desk, and the requests and queries assigned to its people (the
    /// assignee's team now: a person moving team takes these along).
    /// </summary>
    Team = 2,
    /// <summary>A desk's queue: its unassigned requests (its executives may pick them up).</summary>
    DeskQueue = 3,
}

/// <summary>
/// "Clients reached through work", kept as rows: one per (kind, principal, client) with the number of requests and
/// queries that put the client there. The database maintains it in the statement that changes a request or a query
/// (triggers, <see cref="ClientReachMaintenance"/>), so it is exact inside every transaction, on both providers; the
/// application never writes it. Visibility reads it as an indexed lookup instead of collecting the set per statement.
/// </summary>
public sealed class ClientReach
{
    public const string Table = "client_reach";

    public ReachKind Kind { get; private set; }
    /// <summary>A user id (<see cref="ReachKind.Assignee"/>) or a team id (the other kinds).</summary>
    public long PrincipalId { get; private set; }
    public long ClientId { get; private set; }
    /// <summary>How many requests and queries put the client in reach of the principal (the row goes at zero).</summary>
    public int Works { get; private set; }
}

internal sealed class ClientReachConfiguration : IEntityTypeConfiguration<ClientReach>
{
    public void Configure(EntityTypeBuilder<ClientReach> builder)
    {
        builder.ToTable(ClientReach.Table);
        // From the principal to its clients (a page of "clients I reach"), and from a client to who reaches it (a
        // policy check of one client row): both are index-only lookups.
        builder.HasKey(r => new { r.Kind, r.PrincipalId, r.ClientId });
        builder.HasIndex(r => new { r.ClientId, r.Kind, r.PrincipalId });
        builder.HasOne<Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
