using System.Data.Common;
using JlnbCrm.ClientQueries;
using JlnbCrm.Database;
using JlnbCrm.Leads;
using JlnbCrm.ServiceRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace JlnbCrm.Changes;

/// <summary>
/// Announces saved service requests, client queries and references, only once committed. On PostgreSQL it sends
/// <c>pg_notify</c> inside the saving transaction (the server delivers it at commit, and drops it on rollback) to
/// every instance's listener; on SQLite it holds the changes until the transaction commits, then publishes them
/// in-process. Bulk loads (seeding, large imports) announce nothing.
/// </summary>
public sealed class ChangeNotifier(ChangeFeed feed) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    /// <summary>The NOTIFY channel every instance listens on.</summary>
    public const string Channel = "jlnb_row_changes";

    private List<(object Entity, ChangedTable Table, ChangeAction Action)> _saving = [];
    private readonly List<RowChange> _awaitingCommit = [];

    ValueTask<InterceptionResult<int>> ISaveChangesInterceptor.SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken)
    {
        _saving = eventData.Context is CrmDbContext { IsBulkLoading: false } db ? Capture(db) : [];
        return ValueTask.FromResult(result);
    }

    async ValueTask<int> ISaveChangesInterceptor.SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken)
    {
        if (_saving.Count == 0 || eventData.Context is not CrmDbContext db) return result;
        // Ids of added rows are known only now.
        var changes = _saving.Select(s => new RowChange(s.Table, IdOf(s.Entity), s.Action)).ToList();
        _saving = [];
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, p) FROM unnest({1}) AS p",
                [Channel, changes.Select(c => c.ToPayload()).ToArray()], cancellationToken);
        else if (db.Database.CurrentTransaction is null)
            changes.ForEach(feed.Publish); // EF's own save transaction has already committed
        else
            _awaitingCommit.AddRange(changes);
        return result;
    }

    void ISaveChangesInterceptor.SaveChangesFailed(DbContextErrorEventData eventData) => _saving = [];

    Task ISaveChangesInterceptor.SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken)
    {
        _saving = [];
        return Task.CompletedTask;
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        _awaitingCommit.ForEach(feed.Publish);
        _awaitingCommit.Clear();
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        _awaitingCommit.Clear();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        _awaitingCommit.Clear();

    private static List<(object, ChangedTable, ChangeAction)> Capture(CrmDbContext db) =>
        db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => (Entry: e, Table: TableOf(e.Entity)))
            .Where(e => e.Table is not null)
            .Select(e => (e.Entry.Entity, e.Table!.Value,
                e.Entry.State == EntityState.Added ? ChangeAction.Created : ChangeAction.Updated))
            .ToList();

    private static ChangedTable? TableOf(object entity) => entity switch
    {
        ServiceRequest => ChangedTable.ServiceRequests,
        ClientQuery => ChangedTable.ClientQueries,
        Lead => ChangedTable.Leads,
        _ => null,
    };

    private static long IdOf(object entity) => ((Domain.Entity)entity).Id;
}
