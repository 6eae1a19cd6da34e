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
}

/// <summary>
/// One row per inserted, updated or deleted row, written by the persistence layer in the same transaction
/// as the change. <see cref="UserId"/> has no foreign key on purpose: the trail outlives its subjects.
/// </summary>
public sealed class AuditEntry
{
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
    /// <summary>JSON object: column → { "old": …, "new": … }.</summary>
    public string Changes { get; private set; } = "{}";
}
