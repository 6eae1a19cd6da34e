using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Auditing;

/// <summary>
/// Writes a save's audit rows in one statement that returns nothing. Saved through EF Core, each row would be an
/// <c>INSERT … RETURNING id</c>, and on PostgreSQL a RETURNING makes the server check the new row against
/// audit_log's SELECT policy too — a probe of the audited record under that record's own policy, planned and run for
/// every row (about 2 ms a row at a million clients, bench/README.md) — for an id nobody reads. The INSERT policy
/// (the row's user is the actor) still checks every row, and the rows commit with the change they describe.
/// </summary>
internal static class AuditWriter
{
    /// <summary>Six parameters a row: 100 rows stay far below SQLite's limit of 999 parameters a statement.</summary>
    private const int SqliteRowsPerStatement = 100;

    private const string Columns = "audit_log (at, user_id, entity, entity_id, action, changes)";

    public static async Task InsertAsync(CrmDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        if (db.Database.IsNpgsql())
        {
            // One statement for any number of rows, with the same text each time (one prepared plan).
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO {Columns} SELECT * FROM unnest({{0}}::timestamptz[], {{1}}::bigint[], {{2}}::text[], "
                + "{3}::bigint[], {4}::text[], {5}::jsonb[])",
                [
                    entries.Select(e => e.At).ToArray(), entries.Select(e => e.UserId).ToArray(),
                    entries.Select(e => e.Entity).ToArray(), entries.Select(e => e.EntityId).ToArray(),
                    entries.Select(e => EnumText<AuditAction>.ToText(e.Action)).ToArray(), entries.Select(e => e.Changes).ToArray(),
                ], ct);
            return;
        }
        using var factory = db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in entries.Chunk(SqliteRowsPerStatement))
        {
            var parameters = new List<System.Data.Common.DbParameter>();
            string Add(object? value)
            {
                var parameter = factory.CreateParameter();
                parameter.ParameterName = $"@a{parameters.Count}";
                parameter.Value = value ?? DBNull.Value;
                parameters.Add(parameter);
                return parameter.ParameterName;
            }
            var rows = chunk.Select(e =>
                $"({Add(e.At)}, {Add(e.UserId)}, {Add(e.Entity)}, {Add(e.EntityId)}, {Add(EnumText<AuditAction>.ToText(e.Action))}, {Add(e.Changes)})")
                .ToList();
            // The text is this class's constants and parameter names; every value is a parameter.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync($"INSERT INTO {Columns} VALUES {string.Join(", ", rows)}", parameters, ct);
#pragma warning restore EF1002
        }
    }
}
