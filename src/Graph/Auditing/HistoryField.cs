using GraphQL.Types;
using GraphQL.Types.Relay;
using JlnbCrm.Auditing;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.Paging;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Paging;

namespace JlnbCrm.Graph.Auditing;

/// <summary>
/// <c>history</c> on a record type: the record's audit trail as a connection, newest first, for everyone who sees the
/// record, read through <see cref="RecordHistory"/> (the row filter lets through only the entries of records the reader
/// sees, and protected values are shown as the reader sees the record). Like every nested connection it is batched:
/// the records at one level that ask with the same arguments share one statement for their pages and one grouped count.
/// No <c>where</c>/<c>order</c>: a trail is read in the order it happened, and its changes are JSON, not columns.
/// </summary>
public static class HistoryField
{
    public const int DefaultSize = 20;

    public static void AddHistory<T>(this ObjectGraphType<T> type, string table) where T : Entity =>
        type.Field<NonNullGraphType<ConnectionType<AuditEntryGraphType>>>("history")
            .Description("Every recorded change of this record (status changes, assignments, SLA breaches…), newest first.")
            .PagingArguments(DefaultSize)
            .Resolve(ctx =>
            {
                // Page size and cursors are checked here, so a bad one is refused on this field.
                var pages = ctx.RequestServices!.GetRequiredService<RecordHistory>()
                    .Pages(table, KeysetPager.Request(ctx, DefaultSize));
                var batch = $"{type.Name}.history({NestedConnections.Arguments(ctx)})";
                var loaders = ctx.Loaders();
                var page = loaders.Get<long, KeysetPage<AuditEntry>>(batch,
                    (_, ids, ct) => pages.ReadAsync<T>(ids, ct)).Load(ctx.Source.Id);
                if (!KeysetPager.WantsTotalCount(ctx)) return page.Then(p => KeysetPager.ToConnection(p!, null));
                var count = loaders.Get<long, int>($"{batch}.totalCount", (_, ids, ct) => pages.CountAsync(ids, ct))
                    .Load(ctx.Source.Id);
                return page.With(count, (p, total) => KeysetPager.ToConnection(p!, total));
            });
}
