using System.ComponentModel.DataAnnotations;

namespace JlnbCrm.Auditing;

public enum AuditAction
{
    [Display(Name = "Insert")] Insert,
    [Display(Name = "Update")] Update,
    [Display(Name = "Delete")] Delete,
    /// <summary>A bulk load (seeding, imports at scale) recorded as one row with the counts per table.</summary>
    [Display(Name = "Bulk Insert")] BulkInsert,
    /// <summary>A request or query passed its due-at while open; recorded once by the breach scanner, as the system.</summary>
    [Display(Name = "SLA Breached")] SlaBreached,
    /// <summary>Someone downloaded everything held about a client (a DPDP access request); on the client's history.</summary>
    [Display(Name = "Data Export")] DataExport,
    /// <summary>
    /// A new reference's PAN or mobile matched only records its author may not see (LeadDuplicates): who checked which
    /// value, so probing for other RMs' prospects shows in the log. On no record (entity id 0): admins read it.
    /// </summary>
    [Display(Name = "Hidden Duplicate")] HiddenDuplicate,
}

/// <summary>
/// One row per inserted, updated or deleted row, written by the persistence layer in the same transaction
/// as the change. <see cref="UserId"/> has no foreign key on purpose: the trail outlives its subjects.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>
    /// The key of a delete entry's reason in <see cref="Changes"/>, as { old: null, new: reason } like a column, so
    /// every reader of the trail shows it without knowing about deletes. No audited table has a column of that name.
    /// </summary>
    public const string ReasonKey = "reason";

    private AuditEntry() { }

    internal AuditEntry(DateTime at, long? userId, string entity, long entityId, AuditAction action, string changes)
        => (At, UserId, Entity, EntityId, Action, Changes) = (at, userId, entity, entityId, action, changes);

    public long Id { get; private set; }
    public DateTime At { get; private set; }
    public long? UserId { get; private set; }
    /// <summary>The table name, e.g. <c>clients</c>.</summary>
    public string Entity { get; private set; } = "";
    public long EntityId { get; private set; }
    public AuditAction Action { get; private set; }
    /// <summary>JSON object: column → { "old": …, "new": … }; a delete's also has <see cref="ReasonKey"/>.</summary>
    public string Changes { get; private set; } = "{}";

    /// <summary>A detached copy showing other <paramref name="changes"/> (values masked for the reader); never saved.</summary>
    internal AuditEntry WithChanges(string changes) => new(At, UserId, Entity, EntityId, Action, changes) { Id = Id };
}

/// <summary>
/// The tables whose rows have a history their viewers read (docs/access.md): an audit entry of one of these is readable
/// by whoever sees the row it describes, in the EF row filter and in PostgreSQL's audit_log policy alike.
/// </summary>
public static class AuditedRecords
{
    public const string Clients = "clients", Leads = "leads", Interactions = "interactions", Queries = "queries",
        ServiceRequests = "service_requests", Consents = "consents";
}
