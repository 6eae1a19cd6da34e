using JlnbCrm.Access;
using JlnbCrm.Auditing;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
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

    /// <summary>Client ownership without row filters; only the visibility rules use it.</summary>
    internal DbSet<ClientOwner> ClientOwners => Set<ClientOwner>();

    /// <summary>Clients opted out of marketing (<see cref="MarketingOptOut"/>), read without row filters.</summary>
    internal DbSet<MarketingOptOut> MarketingOptOuts => Set<MarketingOptOut>();

    private void ApplyRowVisibility(ModelBuilder model)
    {
        model.Entity<ClientOwner>(owner =>
        {
            owner.HasNoKey();
            owner.ToView(ClientOwner.View); // created by the RowSecurityAtScale migrations
        });
        model.Entity<MarketingOptOut>(optOut =>
        {
            optOut.HasNoKey();
            optOut.ToView(MarketingOptOut.View); // created by the ConsentRegister migrations
        });

        // A head sees the team's clients; a junior their own; anyone sees the client of work they can see (masked, see AccessRules).
        model.Entity<Client>().HasQueryFilter(c => SeesAll
            || SignedIn && ActsAsHead && c.AssignedRm!.TeamId == ActorTeamId
            || SignedIn && c.AssignedRmId == ActorId
            || SignedIn && ServiceRequests.Any(s => s.ClientId == c.Id)
            || SignedIn && ClientQueries.Any(q => q.ClientId == c.Id));

        model.Entity<ClientProduct>().HasQueryFilter(h => SeesAll
            || SignedIn && ClientOwners.Any(o => o.ClientId == h.ClientId && (o.RmId == ActorId || ActsAsHead && o.TeamId == ActorTeamId)));

        // A client who withdrew marketing consent is in nobody's cross-sell list (admins' included): their cross-sell
        // references drop out of every list, connection, count and export until consent is given again. This is the
        // DPDP rule, not an access rule, so row-level security (which guards access) does not repeat it.
        model.Entity<Lead>().HasQueryFilter(l => (SeesAll
            || SignedIn && (l.RefObtainedById == ActorId || l.ConversionRmId == ActorId)
            || SignedIn && ActsAsHead && (l.RefObtainedBy!.TeamId == ActorTeamId || l.ConversionRm!.TeamId == ActorTeamId))
            && !(l.OriginInteractionId != null && MarketingOptOuts.Any(o => o.ClientId == l.RefGivenByClientId)));

        model.Entity<Interaction>().HasQueryFilter(i => SeesAll
            || SignedIn && i.UserId == ActorId
            || SignedIn && ActsAsHead && i.User!.TeamId == ActorTeamId
            || SignedIn && ClientOwners.Any(o => o.ClientId == i.ClientId && (o.RmId == ActorId || ActsAsHead && o.TeamId == ActorTeamId)));

        model.Entity<ClientQuery>().HasQueryFilter(q => SeesAll
            || SignedIn && q.AssignedRmId == ActorId
            || SignedIn && ActsAsHead && (q.AssignedRm!.TeamId == ActorTeamId || ClientOwners.Any(o => o.ClientId == q.ClientId && o.TeamId == ActorTeamId)));

        // A desk's executives see its unassigned requests (to pick up) and their own; its head every request of the desk
        // and of the head's people. The client's RM and RM head see requests on their clients, and anyone those assigned
        // to them (before desks, RMs worked requests). A desk is always an operations team (Desks.DeskRouting), so an RM
        // team's people never match the desk clauses.
        model.Entity<ServiceRequest>().HasQueryFilter(s => SeesAll
            || SignedIn && s.AssignedUserId == ActorId
            || SignedIn && s.DeskId == ActorTeamId && (ActsAsHead || s.AssignedUserId == null)
            || SignedIn && ActsAsHead && s.AssignedUser!.TeamId == ActorTeamId
            || SignedIn && ClientOwners.Any(o => o.ClientId == s.ClientId && (o.RmId == ActorId || ActsAsHead && o.TeamId == ActorTeamId)));

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
