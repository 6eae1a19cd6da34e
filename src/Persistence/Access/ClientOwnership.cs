using System.Text.Json;
using JlnbCrm.Auditing;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Interactions;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Access;

/// <summary>
/// Keeps the stored ownership that visibility reads (clients.team_id; client_rm_id and client_team_id on holdings,
/// interactions, queries and service requests) equal to its source, inside every save that changes the source:
/// <list type="bullet">
/// <item>a new client or a client given another RM takes that RM's team;</item>
/// <item>a new record about a client copies the client's RM and team;</item>
/// <item>a reassigned client's records follow it, after the client's own row is written;</item>
/// <item>an RM moved to another team takes their clients and those clients' records along.</item>
/// </list>
/// It runs in <see cref="CrmDbContext"/>'s save, so no service can forget it, and in the same transaction. The
/// client's own team change is in the client's history (a normal audited update, or one entry per client when its
/// RM moves team); the copies on the records are derived data and are not audited per row.
/// </summary>
internal sealed class ClientOwnership
{
    private readonly List<(long ClientId, long RmId, long? TeamId)> _reassigned = [];
    private readonly List<(long RmId, long? OldTeamId, long? NewTeamId)> _movedRms = [];

    public bool IsEmpty => _reassigned.Count == 0 && _movedRms.Count == 0;

    /// <summary>Before the save: fills the columns of the rows being written and notes what must follow after it.</summary>
    public static async Task<ClientOwnership> PrepareAsync(CrmDbContext db, CancellationToken ct)
    {
        var plan = new ClientOwnership();
        var entries = db.ChangeTracker.Entries().ToList();
        foreach (var entry in entries)
        {
            if (entry.Entity is User user && entry.State == EntityState.Modified
                && entry.Property(nameof(User.TeamId)) is { IsModified: true } team && !Equals(team.OriginalValue, team.CurrentValue))
                plan._movedRms.Add((user.Id, (long?)team.OriginalValue, user.TeamId));
        }
        foreach (var entry in entries)
        {
            if (entry.Entity is not Client client || entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            var rm = entry.Property(nameof(Client.AssignedRmId));
            var rmChanged = entry.State == EntityState.Added || rm.IsModified && !Equals(rm.OriginalValue, rm.CurrentValue);
            if (!rmChanged) continue;
            client.FollowRmTeam(await TeamOfAsync(db, client.AssignedRmId, ct));
            if (entry.State == EntityState.Modified) plan._reassigned.Add((client.Id, client.AssignedRmId, client.TeamId));
        }
        var added = entries.Where(e => e.State == EntityState.Added).Select(e => e.Entity).OfType<IClientOwned>().ToList();
        var unknown = added.Where(r => OwnerInTracker(db, r) is null).Select(r => r.ClientId).Distinct().ToList();
        var stored = unknown.Count == 0 ? [] : await db.ClientOwners.Where(o => unknown.Contains(o.ClientId))
            .ToDictionaryAsync(o => o.ClientId, o => (o.RmId, o.TeamId), ct);
        foreach (var record in added)
        {
            var (rmId, teamId) = OwnerInTracker(db, record) ?? stored.GetValueOrDefault(record.ClientId);
            record.CopyClientOwner(rmId, teamId);
        }
        return plan;
    }

    /// <summary>After the save, in its transaction: moves the copies that follow, and returns the clients' history entries.</summary>
    public async Task<List<AuditEntry>> ApplyAsync(CrmDbContext db, DateTime now, long? userId, CancellationToken ct)
    {
        var history = new List<AuditEntry>();
        foreach (var (clientId, rmId, teamId) in _reassigned)
        {
            await FollowClientAsync(db.ClientProducts, clientId, rmId, teamId, ct);
            await FollowClientAsync(db.Interactions, clientId, rmId, teamId, ct);
            await FollowClientAsync(db.ClientQueries, clientId, rmId, teamId, ct);
            await FollowClientAsync(db.ServiceRequests, clientId, rmId, teamId, ct);
        }
        foreach (var (rmId, oldTeamId, newTeamId) in _movedRms)
        {
            var clients = db.Clients.IgnoreQueryFilters().Where(c => c.AssignedRmId == rmId && c.TeamId != newTeamId);
            var moved = await clients.Select(c => c.Id).ToListAsync(ct);
            await clients.ExecuteUpdateAsync(s => s.SetProperty(c => c.TeamId, newTeamId), ct);
            var changes = JsonSerializer.Serialize(new Dictionary<string, object?>
                { ["team_id"] = new { old = oldTeamId, @new = newTeamId } });
            history.AddRange(moved.Select(id => new AuditEntry(now, userId, AuditedRecords.Clients, id, AuditAction.Update, changes)));
            foreach (var tracked in db.ChangeTracker.Entries<Client>().Where(e => e.Entity.AssignedRmId == rmId))
            {
                tracked.Entity.FollowRmTeam(newTeamId);
                tracked.Property(c => c.TeamId).OriginalValue = newTeamId;
            }
            await MoveTeamAsync(db.ClientProducts, rmId, newTeamId, ct);
            await MoveTeamAsync(db.Interactions, rmId, newTeamId, ct);
            await MoveTeamAsync(db.ClientQueries, rmId, newTeamId, ct);
            await MoveTeamAsync(db.ServiceRequests, rmId, newTeamId, ct);
        }
        return history;
    }

    private static async Task<long?> TeamOfAsync(CrmDbContext db, long userId, CancellationToken ct) =>
        (await db.Users.FindAsync([userId], ct))?.TeamId; // the tracked user if loaded (a team change in this save counts)

    /// <summary>The owner of a record's client when that client is being written in this save (it may have no id yet).</summary>
    private static (long RmId, long? TeamId)? OwnerInTracker(CrmDbContext db, IClientOwned record)
    {
        var client = record.Client ?? db.ChangeTracker.Entries<Client>().Select(e => e.Entity)
            .FirstOrDefault(c => c.Id == record.ClientId && c.Id != 0);
        return client is null ? null : (client.AssignedRmId, client.TeamId);
    }

    private static Task<int> FollowClientAsync<T>(DbSet<T> records, long clientId, long rmId, long? teamId,
        CancellationToken ct) where T : class, IClientOwned =>
        records.IgnoreQueryFilters().Where(r => EF.Property<long>(r, nameof(IClientOwned.ClientId)) == clientId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => EF.Property<long>(r, nameof(IClientOwned.ClientRmId)), rmId)
                .SetProperty(r => EF.Property<long?>(r, nameof(IClientOwned.ClientTeamId)), teamId), ct);

    private static Task<int> MoveTeamAsync<T>(DbSet<T> records, long rmId, long? teamId, CancellationToken ct)
        where T : class, IClientOwned =>
        records.IgnoreQueryFilters().Where(r => EF.Property<long>(r, nameof(IClientOwned.ClientRmId)) == rmId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => EF.Property<long?>(r, nameof(IClientOwned.ClientTeamId)), teamId), ct);
}
