using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JlnbCrm.Access;
using JlnbCrm.Auditing;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Consents;

public enum ExportFormat { Json, Csv }

/// <summary>A file ready to download: its name, media type and UTF-8 text.</summary>
public sealed record ExportFile(string FileName, string ContentType, string Content);

/// <summary>
/// Everything held about one client in a machine-readable file (a DPDP access request, Act s. 11): the client's fields,
/// holdings, interactions, queries, service requests, references, consents and the history of the client and its
/// consents. Decided (docs/access.md): whoever sees the client may export it, and the file holds exactly what that
/// reader sees on the site — every section read through the same row filters, PAN and account id as the field rules
/// show them to the reader (clear for admins, the client's RM and the RM's head; masked for anyone who reaches the
/// client only through work), history through <see cref="RecordHistory"/>. Each export is recorded in the client's
/// history (audit action Data Export, with the format), in the same transaction as nothing else: the file is built
/// first, so a failed build leaves no entry claiming data left the firm.
/// </summary>
public sealed class ClientDataExport(CrmDbContext db, RecordHistory history)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<ExportFile> ExportAsync(long clientId, ExportFormat format, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(format)) throw new RuleViolationException(ErrorCodes.Invalid, "Unknown export format.", "format");
        var document = await CollectAsync(clientId, ct);
        var file = format == ExportFormat.Json
            ? new ExportFile($"client-{clientId}.json", "application/json", document.ToJsonString(Indented))
            : new ExportFile($"client-{clientId}.csv", "text/csv", ToCsv(document));
        db.AuditLog.Add(new AuditEntry(db.UtcNow, db.Actor.UserId, AuditedRecords.Clients, clientId, AuditAction.DataExport,
            JsonSerializer.Serialize(new Dictionary<string, object?> { ["format"] = new { old = (string?)null, @new = format.ToString().ToUpperInvariant() } })));
        await db.SaveChangesAsync(ct);
        return file;
    }

    private async Task<JsonObject> CollectAsync(long clientId, CancellationToken ct)
    {
        var actor = db.Actor;
        var client = await db.Clients.AsNoTracking().Include(c => c.AssignedRm).RequireAsync(clientId, "client", "clientId", ct);
        var holdings = await db.ClientProducts.AsNoTracking().Where(h => h.ClientId == clientId).OrderBy(h => h.SubscribedOn)
            .Select(h => new { product = h.Product!.Name, category = h.Product.Category.ToString(), subscribedOn = h.SubscribedOn })
            .ToListAsync(ct);
        var interactions = await db.Interactions.AsNoTracking().Where(i => i.ClientId == clientId).OrderBy(i => i.OccurredAt)
            .Select(i => new { id = i.Id, type = i.Type, details = i.Details, occurredAt = i.OccurredAt, by = i.User!.Name,
                relatedProduct = i.RelatedProduct!.Name, relatedQueryId = i.RelatedQueryId })
            .ToListAsync(ct);
        var queries = await db.ClientQueries.AsNoTracking().Where(q => q.ClientId == clientId).OrderBy(q => q.CreatedAt)
            .Select(q => new { id = q.Id, details = q.Details, status = q.Status, assignedTo = q.AssignedRm!.Name,
                resolution = q.Resolution, createdAt = q.CreatedAt, dueAt = q.DueAt, resolvedAt = q.ResolvedAt })
            .ToListAsync(ct);
        var requests = await db.ServiceRequests.AsNoTracking().Where(s => s.ClientId == clientId).OrderBy(s => s.CreatedAt)
            .Select(s => new { id = s.Id, type = s.Type, details = s.Details, status = s.Status, desk = s.Desk!.Name,
                rejectionReason = s.RejectionReason, createdAt = s.CreatedAt, dueAt = s.DueAt, closedAt = s.ClosedAt })
            .ToListAsync(ct);
        var leads = await db.Leads.AsNoTracking()
            .Where(l => l.RefGivenByClientId == clientId || l.ConvertedClientId == clientId || l.Id == client.SourceLeadId)
            .OrderBy(l => l.CreatedAt)
            .Select(l => new { id = l.Id, prospectName = l.ProspectName, pan = l.Pan, mobile = l.Mobile, email = l.Email,
                status = l.Status, product = l.Product!.Name, notes = l.Notes, createdAt = l.CreatedAt,
                relation = l.ConvertedClientId == clientId ? "converted into the client" : "given by the client" })
            .ToListAsync(ct);
        var consents = await db.Consents.AsNoTracking().Where(k => k.ClientId == clientId).OrderBy(k => k.GivenAt)
            .Select(k => new { id = k.Id, purpose = k.Purpose, givenAt = k.GivenAt, givenBy = k.GivenBy!.Name, evidence = k.Evidence,
                withdrawnAt = k.WithdrawnAt, withdrawnBy = k.WithdrawnBy!.Name, withdrawalEvidence = k.WithdrawalEvidence })
            .ToListAsync(ct);
        var clientHistory = await history.OfAsync(AuditedRecords.Clients, clientId, ct);
        var consentHistory = consents.Count == 0 ? [] : (await history.OfManyAsync(AuditedRecords.Consents,
            consents.Select(k => k.id).ToList(), RecordHistory.Limit, ct)).SelectMany(g => g).ToList();

        return new JsonObject
        {
            ["exportedAt"] = db.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["client"] = Node(new
            {
                id = client.Id, name = client.Name, pan = actor.PanAsSeenBy(client), accountId = actor.AccountIdAsSeenBy(client),
                mobile = client.Mobile, email = client.Email, address = client.Address, dateOfBirth = client.DateOfBirth,
                relationshipManager = client.AssignedRm!.Name, sourceLeadId = client.SourceLeadId,
                createdAt = client.CreatedAt, updatedAt = client.UpdatedAt,
            }),
            ["holdings"] = Node(holdings),
            ["interactions"] = Node(interactions),
            ["queries"] = Node(queries),
            ["serviceRequests"] = Node(requests),
            ["references"] = Node(leads),
            ["consents"] = Node(consents),
            ["history"] = Node(clientHistory.Concat(consentHistory).OrderBy(a => a.At).Select(a => new
            {
                id = a.Id, at = a.At, record = a.Entity, recordId = a.EntityId, action = EnumText<AuditAction>.ToText(a.Action),
                userId = a.UserId, changes = JsonNode.Parse(a.Changes),
            })),
        };
    }

    /// <summary>Enums as their stored text ("In Progress"), times in ISO 8601 UTC.</summary>
    private static JsonNode? Node(object value) => JsonSerializer.SerializeToNode(value, ExportJson.Options);

    /// <summary>
    /// The same document as one long table, <c>section,record,field,value</c>: every value of every record on its own
    /// row, so the file opens in a spreadsheet and needs no schema per section.
    /// </summary>
    private static string ToCsv(JsonObject document)
    {
        var csv = new StringBuilder("section,record,field,value\r\n");
        foreach (var (section, node) in document)
        {
            switch (node)
            {
                case JsonArray rows:
                    for (var i = 0; i < rows.Count; i++) AppendRecord(csv, section, Key(rows[i], i), rows[i] as JsonObject);
                    break;
                case JsonObject record:
                    AppendRecord(csv, section, Key(record, 0), record);
                    break;
                default:
                    AppendRow(csv, section, "", section, Text(node));
                    break;
            }
        }
        return csv.ToString();
    }

    private static string Key(JsonNode? record, int index) =>
        record is JsonObject o && o["id"] is { } id ? id.ToJsonString() : (index + 1).ToString(CultureInfo.InvariantCulture);

    private static void AppendRecord(StringBuilder csv, string section, string key, JsonObject? record)
    {
        foreach (var (field, value) in record ?? [])
            AppendRow(csv, section, key, field, Text(value));
    }

    private static string Text(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };

    private static void AppendRow(StringBuilder csv, params string[] cells) =>
        csv.Append(string.Join(',', cells.Select(Escape))).Append("\r\n");

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula.</summary>
    private static string Escape(string cell)
    {
        if (cell.Length > 0 && "=+-@".Contains(cell[0])) cell = "'" + cell;
        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
    }
}
