using JlnbCrm.Domain;

namespace JlnbCrm.Database;

/// <summary>
/// Deleting a record for good. The audit trail's delete entry keeps the row's last values and the reason given, so
/// what was removed, by whom and why stays answerable after the row is gone.
/// </summary>
public abstract partial class CrmDbContext
{
    private readonly Dictionary<object, string> _deleteReasons = new(ReferenceEqualityComparer.Instance);

    /// <summary>Marks <paramref name="record"/> deleted (written by the next save) with its required reason.</summary>
    public void Delete(Entity record, string? reason)
    {
        _deleteReasons[record] = Guard.Required(reason, "reason", 1000);
        Remove(record);
    }

    /// <summary>The reason given for deleting <paramref name="record"/>, if it is being deleted through <see cref="Delete"/>.</summary>
    internal string? DeleteReasonOf(object record) => _deleteReasons.GetValueOrDefault(record);
}
