using System.Text.Json;
using JlnbCrm.Auditing;
using JlnbCrm.ClientQueries;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.ServiceLevels;

/// <summary>
/// Records each SLA breach once in the record's history. The claim is one conditional UPDATE per table
/// ("not recorded yet, past due, still open"), so however many app instances scan at once, a row is claimed by
/// exactly one of them: on PostgreSQL the second UPDATE waits on the first's row locks, then re-checks the
/// condition and finds the row already claimed; SQLite serialises writers. The audit rows commit with the claim.
/// </summary>
public sealed class SlaBreachRecorder(CrmDbContext db)
{
    private static readonly string OpenRequests = string.Join(", ",
        new[] { ServiceRequestStatus.Pending, ServiceRequestStatus.InProgress }.Select(s => $"'{EnumText<ServiceRequestStatus>.ToText(s)}'"));

    private static readonly string OpenQueries = string.Join(", ",
        new[] { ClientQueryStatus.Open, ClientQueryStatus.InProgress }.Select(s => $"'{EnumText<ClientQueryStatus>.ToText(s)}'"));

    /// <summary>One scan: returns how many breaches it recorded. Runs as the system (it sees and owns every row).</summary>
    public async Task<int> RecordBreachesAsync(CancellationToken ct = default)
    {
        if (!db.Actor.IsSystem) throw new InvalidOperationException("The breach scanner runs as the system actor.");
        var now = db.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var requests = await ClaimAsync("service_requests", OpenRequests, now, ct);
        var queries = await ClaimAsync("queries", OpenQueries, now, ct);
        var changes = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["breach_recorded_at"] = new { old = (string?)null, @new = now.ToString("O") },
        });
        db.AuditLog.AddRange(requests.Select(id => new AuditEntry(now, null, "service_requests", id, AuditAction.SlaBreached, changes)));
        db.AuditLog.AddRange(queries.Select(id => new AuditEntry(now, null, "queries", id, AuditAction.SlaBreached, changes)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return requests.Count + queries.Count;
    }

    private Task<List<long>> ClaimAsync(string table, string openStatuses, DateTime now, CancellationToken ct) =>
        // Table and status names are constants of this class, never input; the time is a parameter.
#pragma warning disable EF1002
        db.Database.SqlQueryRaw<long>($"""
            UPDATE {table} SET breach_recorded_at = @now
            WHERE breach_recorded_at IS NULL AND due_at < @now AND status IN ({openStatuses})
            RETURNING id AS "Value"
            """, Parameter(now)).ToListAsync(ct);
#pragma warning restore EF1002

    private System.Data.Common.DbParameter Parameter(DateTime now)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        var parameter = command.CreateParameter();
        parameter.ParameterName = "now";
        parameter.Value = now;
        return parameter;
    }
}
