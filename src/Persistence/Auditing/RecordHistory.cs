using System.Text.Json.Nodes;
using JlnbCrm.Access;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Paging;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Auditing;

/// <summary>
/// A record's history (its audit entries) as the current actor may read it: the row filter lets through the entries of
/// records the actor sees (<see cref="AuditedRecords"/>), and here every protected field's values in <c>changes</c> are
/// shown as the field's declaration (<see cref="FieldRules"/>) says this actor sees that record — so a PAN masked on the
/// client is masked in its history too. Every history path (record pages, GraphQL <c>history</c>) reads through this.
/// </summary>
public sealed class RecordHistory(CrmDbContext db)
{
    /// <summary>How many entries a record's history shows, newest first.</summary>
    public const int Limit = 100;

    public async Task<IReadOnlyList<AuditEntry>> OfAsync(string table, long id, CancellationToken ct) =>
        (await OfManyAsync(table, [id], Limit, ct))[id].ToList();

    /// <summary>The newest <paramref name="perRecord"/> entries of each record (one query for a page of records).</summary>
    public async Task<ILookup<long, AuditEntry>> OfManyAsync(string table, IReadOnlyCollection<long> ids, int perRecord,
        CancellationToken ct)
    {
        var rows = await db.AuditLog.AsNoTracking().Where(a => a.Entity == table && ids.Contains(a.EntityId))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).ToListAsync(ct);
        var seen = await AsSeenAsync(rows, ct);
        return seen.GroupBy(a => a.EntityId).SelectMany(g => g.Take(perRecord)).ToLookup(a => a.EntityId);
    }

    /// <summary>The order every history lists in: newest first, ties (entries of one transaction) by id.</summary>
    public static readonly IReadOnlyList<SortKey> NewestFirst =
        [SortKey.Descend<DateTime>(nameof(AuditEntry.At)), SortKey.Descend<long>(nameof(AuditEntry.Id))];

    /// <summary>
    /// The same page of each record's history, for many records of one table: the cursors are checked here (a forged
    /// one is refused before anything is read), then <see cref="HistoryPages.ReadAsync{TRecord}"/> reads every record's
    /// page with one statement and masks it, and <see cref="HistoryPages.CountAsync"/> counts with one grouped count.
    /// </summary>
    public HistoryPages Pages(string table, PageRequest page) =>
        new(this, db, Keyset.ByParent(db.AuditLog.AsNoTracking().Where(a => a.Entity == table), a => (long?)a.EntityId,
            NewestFirst, page));

    public sealed class HistoryPages
    {
        private readonly RecordHistory _history;
        private readonly CrmDbContext _db;
        private readonly Keyset.PerParent<AuditEntry> _pages;

        internal HistoryPages(RecordHistory history, CrmDbContext db, Keyset.PerParent<AuditEntry> pages) =>
            (_history, _db, _pages) = (history, db, pages);

        /// <summary>Each record's page, its protected values shown as the actor sees the record (cursors unchanged).</summary>
        public async Task<IReadOnlyDictionary<long, KeysetPage<AuditEntry>>> ReadAsync<TRecord>(
            IReadOnlyCollection<long> ids, CancellationToken ct) where TRecord : Entity
        {
            var pages = await _pages.ReadAsync(_db.Set<TRecord>(), ids, ct);
            var seen = await _history.AsSeenAsync(pages.Values.SelectMany(p => p.Rows.Select(r => r.Row)).ToList(), ct);
            var byEntry = seen.ToDictionary(e => e.Id);
            return pages.ToDictionary(p => p.Key, p => p.Value with
            {
                Rows = p.Value.Rows.Select(r => (byEntry[r.Row.Id], r.Cursor)).ToList(),
            });
        }

        /// <summary>How many entries each record's history holds (that the actor may read).</summary>
        public Task<IReadOnlyDictionary<long, int>> CountAsync(IReadOnlyCollection<long> ids, CancellationToken ct) =>
            _pages.CountAsync(ids, ct);
    }

    /// <summary>The entries with each protected field's old and new values as this actor sees the record now.</summary>
    private async Task<IReadOnlyList<AuditEntry>> AsSeenAsync(IReadOnlyList<AuditEntry> rows, CancellationToken ct)
    {
        var protectedColumns = ProtectedColumns();
        var touched = rows.Where(r => protectedColumns.ContainsKey(r.Entity)).ToList();
        if (touched.Count == 0) return rows;
        var clearFor = await SeenInFullAsync(touched, ct);
        return rows.Select(r => protectedColumns.TryGetValue(r.Entity, out var columns)
            ? Masked(r, columns, rule => clearFor(rule, r.EntityId)) : r).ToList();
    }

    /// <summary>Per audited table, its masked fields' columns (from the declarations, so a new one is covered).</summary>
    private Dictionary<string, List<(MaskedFieldRule Rule, string Column)>> ProtectedColumns()
    {
        var columns = new Dictionary<string, List<(MaskedFieldRule, string)>>();
        foreach (var rule in FieldRules.All.OfType<MaskedFieldRule>())
        {
            var entity = db.Model.FindEntityType(rule.Entity)!;
            var table = entity.GetTableName()!;
            var column = entity.FindProperty(rule.Member)!.GetColumnName();
            if (!columns.TryGetValue(table, out var list)) columns[table] = list = [];
            list.Add((rule, column));
        }
        return columns;
    }

    /// <summary>
    /// Whether the actor sees a rule's field in clear on the record with that id. Clients are read as the actor sees
    /// them (with the RM the rule needs); a record not found (deleted, only an admin reads its history) or a masked field
    /// of an entity this method does not know is shown in clear only to admins: unknown means masked.
    /// </summary>
    private async Task<Func<MaskedFieldRule, long, bool>> SeenInFullAsync(IReadOnlyList<AuditEntry> rows, CancellationToken ct)
    {
        var clientTable = db.Model.FindEntityType(typeof(Client))!.GetTableName();
        var clientIds = rows.Where(r => r.Entity == clientTable).Select(r => r.EntityId).Distinct().ToList();
        var clients = clientIds.Count == 0 ? new Dictionary<long, Client>()
            : await db.Clients.AsNoTracking().Include(c => c.AssignedRm).Where(c => clientIds.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, ct);
        var admin = db.Actor.IsAdmin();
        return (rule, id) => rule is MaskedFieldRule<Client> clientRule && clients.TryGetValue(id, out var client)
            ? clientRule.SeesInFull(db.Actor, client) : admin;
    }

    private static AuditEntry Masked(AuditEntry entry, List<(MaskedFieldRule Rule, string Column)> columns,
        Func<MaskedFieldRule, bool> seesInFull)
    {
        if (JsonNode.Parse(entry.Changes) is not JsonObject changes) return entry;
        var changed = false;
        foreach (var (rule, column) in columns)
        {
            if (changes[column] is not JsonObject values || seesInFull(rule)) continue;
            foreach (var side in new[] { "old", "new" })
                if (values[side] is JsonValue value && value.TryGetValue<string>(out var clear))
                    values[side] = rule.Mask(clear);
            changed = true;
        }
        return changed ? entry.WithChanges(changes.ToJsonString()) : entry;
    }
}
