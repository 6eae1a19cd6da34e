namespace JlnbCrm.Domain;

/// <summary>
/// A row people edit. <see cref="Version"/> is a concurrency token: the persistence layer bumps it on every
/// update and EF Core checks the original value in the UPDATE's WHERE clause, so two people editing the
/// same row cannot silently overwrite each other (on PostgreSQL and SQLite alike, unlike xmin).
/// </summary>
public abstract class Entity
{
    public long Id { get; private set; }
    public long Version { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    internal void Stamp(DateTime utcNow, bool isNew)
    {
        if (!isNew) Version++;
        else if (CreatedAt != default) return; // back-dated by a bulk load
        else CreatedAt = utcNow;
        UpdatedAt = utcNow;
    }

    /// <summary>Bulk loads (demo data, imports of history) keep the row's real creation time.</summary>
    internal void Backdate(DateTime createdAtUtc) => CreatedAt = UpdatedAt = createdAtUtc;

    /// <summary>A back-dated row that was last changed later than it was created (a reference converted weeks after).</summary>
    internal void Backdate(DateTime createdAtUtc, DateTime lastChangedAtUtc) =>
        (CreatedAt, UpdatedAt) = (createdAtUtc, lastChangedAtUtc);
}
