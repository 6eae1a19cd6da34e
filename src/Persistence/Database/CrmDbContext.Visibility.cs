using JlnbCrm.Access;
using JlnbCrm.Auditing;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Households;
using JlnbCrm.Consents;
using JlnbCrm.Interactions;
using JlnbCrm.Leads;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Database;

/// <summary>
/// Who sees which rows (docs/access.md), as global query filters keyed on the current actor, so every
/// query of the API and of the pages is scoped the same way. PostgreSQL enforces the same rules again with
/// row-level security (the AccessControl migration). Every clause is guarded by "a user is signed in", so an
/// anonymous actor sees nothing (a null user id must never match a null column).
/// </summary>
public abstract partial class CrmDbContext
{
    // Read per query execution, so the actor may be set after the context was created.
    private bool SeesAll => _actor.IsAdmin();
    private bool ActsAsHead => _actor.IsHead();
    private bool SignedIn => _actor.UserId != null;
    private long? ActorId => _actor.UserId;
    private long? ActorTeamId => _actor.TeamId;

    /// <summary>Client ownership without row filters: ClientOwnership copies it onto new records about a client.</summary>
    internal DbSet<ClientOwner> ClientOwners => Set<ClientOwner>();

    /// <summary>The ids of visible clients a search term may match, found by indexes (PostgreSQL only; ClientSearchCandidates).</summary>
    internal IQueryable<ClientSearchCandidate> ClientSearchCandidates(string namePattern, string panLow, string? mobilePattern, string term)
        => FromExpression(() => ClientSearchCandidates(namePattern, panLow, mobilePattern, term));

    /// <summary>The client_reach rows of work the actor sees (its filter below; maintained by the database, never written here).</summary>
    internal DbSet<ClientReach> ClientReaches => Set<ClientReach>();

    /// <summary>Clients opted out of marketing (<see cref="MarketingOptOut"/>), read without row filters.</summary>
    internal DbSet<MarketingOptOut> MarketingOptOuts => Set<MarketingOptOut>();

    private void ApplyRowVisibility(ModelBuilder model)
    {
        model.Entity<ClientSearchCandidate>().HasNoKey().ToTable((string?)null); // rows of a function, not a table
        model.HasDbFunction(typeof(CrmDbContext).GetMethod(nameof(ClientSearchCandidates),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!)
            .HasName(JlnbCrm.Clients.ClientSearchCandidates.Function);

        model.Entity<ClientOwner>(owner =>
        {
            owner.HasNoKey();
            owner.ToView(ClientOwner.View); // created by the RowSecurityAtScale migrations
        });
        model.ApplyConfiguration(new ClientReachConfiguration());
        // The reach rows of the actor's own work, their team's as its head, their desk's queue: the same clauses as
        // RowLevelSecurity.ReachedByActor (client_reach's policy and the clients policy).
        model.Entity<ClientReach>().HasQueryFilter(r => SignedIn && (r.Kind == ReachKind.Assignee && r.PrincipalId == ActorId
            || r.Kind == ReachKind.Team && ActsAsHead && r.PrincipalId == ActorTeamId
            || r.Kind == ReachKind.DeskQueue && r.PrincipalId == ActorTeamId));
        model.Entity<MarketingOptOut>(optOut =>
        {
            optOut.HasNoKey();
            optOut.ToView(MarketingOptOut.View); // created by the ConsentRegister migrations
        });

        // A head sees the team's clients; a junior their own; anyone sees the client of work they can see (masked, see
        // AccessRules). The client's team is stored on it (ClientOwnership keeps it current), and the clients of work are
        // kept in client_reach (filtered to the actor's own, above), so these are plain indexed lookups — the same
        // clauses as the clients policy (RowLevelSecurity).
        model.Entity<Client>().HasQueryFilter(c => SeesAll
            || SignedIn && c.AssignedRmId == ActorId
            || SignedIn && ActsAsHead && c.TeamId == ActorTeamId
            || SignedIn && ClientReaches.Any(r => r.ClientId == c.Id));

        // A household is seen by whoever sees one of its clients (the clients' own filter decides), so it follows any
        // change to client visibility. The head is a member; naming it keeps a new household in its creator's sight
        // before the head's row points at it. The same rule as households' policy (HouseholdSecurity).
        model.Entity<Household>().HasQueryFilter(h => SeesAll
            || SignedIn && Clients.Any(c => c.Id == h.HeadClientId || c.HouseholdId == h.Id));

        // Records about a client carry a copy of its RM and team (IClientOwned): no client lookup per row.
        model.Entity<ClientProduct>().HasQueryFilter(h => SeesAll
            || SignedIn && (h.ClientRmId == ActorId || ActsAsHead && h.ClientTeamId == ActorTeamId));

        // A client who withdrew marketing consent is in nobody's cross-sell list (admins' included): their cross-sell
        // references drop out of every list, connection, count and export until consent is given again. This is the
        // DPDP rule, not an access rule, so row-level security (which guards access) does not repeat it.
        model.Entity<Lead>().HasQueryFilter(l => (SeesAll
            || SignedIn && (l.RefObtainedById == ActorId || l.ConversionRmId == ActorId)
            || SignedIn && ActsAsHead && (l.RefObtainedBy!.TeamId == ActorTeamId || l.ConversionRm!.TeamId == ActorTeamId))
            && !(l.OriginInteractionId != null && MarketingOptOuts.Any(o => o.ClientId == l.RefGivenByClientId)));

        model.Entity<Interaction>().HasQueryFilter(i => SeesAll
            || SignedIn && (i.UserId == ActorId || i.ClientRmId == ActorId)
            || SignedIn && ActsAsHead && (i.User!.TeamId == ActorTeamId || i.ClientTeamId == ActorTeamId));

        model.Entity<ClientQuery>().HasQueryFilter(q => SeesAll
            || SignedIn && q.AssignedRmId == ActorId
            || SignedIn && ActsAsHead && (q.AssignedRm!.TeamId == ActorTeamId || q.ClientTeamId == ActorTeamId));

        // A desk's executives see its unassigned requests (to pick up) and their own; its head every request of the desk
        // and of the head's people. The client's RM and RM head see requests on their clients, and anyone those assigned
        // to them (before desks, RMs worked requests). A desk is always an operations team (Desks.DeskRouting), so an RM
        // team's people never match the desk clauses.
        model.Entity<ServiceRequest>().HasQueryFilter(s => SeesAll
            || SignedIn && (s.AssignedUserId == ActorId || s.ClientRmId == ActorId)
            || SignedIn && s.DeskId == ActorTeamId && (ActsAsHead || s.AssignedUserId == null)
            || SignedIn && ActsAsHead && (s.AssignedUser!.TeamId == ActorTeamId || s.ClientTeamId == ActorTeamId));

        // A client's consents are seen by whoever sees the client (same rule as ConsentSecurity's policy).
        model.Entity<Consent>().HasQueryFilter(k => SeesAll || SignedIn && Clients.Any(c => c.Id == k.ClientId));

        // A record's history is read by whoever sees the record (each set below is itself filtered); the whole log,
        // and the history of records no longer there, by admins. The same rule as audit_log's policy (RowLevelSecurity).
        model.Entity<AuditEntry>().HasQueryFilter(a => SeesAll || SignedIn && (
            a.Entity == AuditedRecords.Clients && Clients.Any(c => c.Id == a.EntityId)
            || a.Entity == AuditedRecords.Leads && Leads.Any(l => l.Id == a.EntityId)
            || a.Entity == AuditedRecords.Interactions && Interactions.Any(i => i.Id == a.EntityId)
            || a.Entity == AuditedRecords.Queries && ClientQueries.Any(q => q.Id == a.EntityId)
            || a.Entity == AuditedRecords.ServiceRequests && ServiceRequests.Any(s => s.Id == a.EntityId)
            || a.Entity == AuditedRecords.Consents && Consents.Any(k => k.Id == a.EntityId)));
    }
}
