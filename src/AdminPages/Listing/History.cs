using System.Text.Json;
using JlnbCrm.Auditing;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Listing;

/// <summary>One audited change of a record, as a history list shows it.</summary>
public sealed record HistoryLine(DateTime At, string Who, string Action, IReadOnlyList<string> Changes);

/// <summary>
/// A record's audit trail for its page: everyone who sees the record reads it, with protected values as they see the
/// record (<see cref="RecordHistory"/>); the whole log (/admin/audit) stays the administrators'.
/// </summary>
public sealed class History(CrmDbContext db, RecordHistory history)
{
    public async Task<IReadOnlyList<HistoryLine>> OfAsync(string table, long id, CancellationToken ct) =>
        await LinesAsync(await history.OfAsync(table, id, ct), ct);

    /// <summary>Audit rows as readable lines, with the people's names looked up in one query.</summary>
    public async Task<IReadOnlyList<HistoryLine>> LinesAsync(IReadOnlyList<AuditEntry> rows, CancellationToken ct)
    {
        var ids = rows.Where(r => r.UserId != null).Select(r => r.UserId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return rows.Select(r => new HistoryLine(r.At, r.UserId is { } u ? names.GetValueOrDefault(u, $"user {u}") : "system",
            EnumText<AuditAction>.ToText(r.Action), Describe(r.Changes))).ToList();
    }

    /// <summary>{"status":{"old":"New","new":"WIP"}} → "status: New → WIP".</summary>
    private static IReadOnlyList<string> Describe(string changes)
    {
        try
        {
            using var json = JsonDocument.Parse(changes);
            return json.RootElement.EnumerateObject().Where(p => p.Name is not ("version" or "updated_at" or "created_at" or "password_hash" or "security_stamp"))
                .Select(p => p.Value.ValueKind == JsonValueKind.Object
                    ? $"{p.Name}: {Text(p.Value, "old")} → {Text(p.Value, "new")}"
                    : $"{p.Name}: {p.Value.GetRawText()}").ToList();
        }
        catch (JsonException) { return [changes]; }
    }

    private static string Text(JsonElement change, string side) =>
        !change.TryGetProperty(side, out var v) || v.ValueKind == JsonValueKind.Null ? "—"
            : v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();
}
