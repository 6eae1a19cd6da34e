using GraphQL.Types;
using JlnbCrm.Auditing;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.Paging;

namespace JlnbCrm.Graph.Auditing;

/// <summary>
/// <c>history(first)</c> on a record type: the record's audit trail, newest first, for everyone who sees the record,
/// read through <see cref="RecordHistory"/> (protected values shown as the reader sees the record), batched per level.
/// </summary>
public static class HistoryField
{
    public const int DefaultSize = 20;

    public static void AddHistory<T>(this ObjectGraphType<T> type, string table) where T : Entity =>
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuditEntryGraphType>>>>("history")
            .Description("Every recorded change of this record (status changes, assignments, SLA breaches…), newest first.")
            .FirstArgument(DefaultSize)
            .Resolve(ctx =>
            {
                var first = ctx.First(DefaultSize);
                return ctx.Loaders().Get<long, AuditEntry[]>($"{table}.history:{first}", async (_, ids, ct) =>
                {
                    var history = await ctx.RequestServices!.GetRequiredService<RecordHistory>().OfManyAsync(table, ids, first, ct);
                    return ids.ToDictionary(id => id, id => history[id].ToArray());
                }).Load(ctx.Source.Id);
            });
}
