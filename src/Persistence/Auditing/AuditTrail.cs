using System.Text.Json;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace JlnbCrm.Auditing;

/// <summary>
/// Captures what a SaveChanges is about to write, then (once generated keys are known) turns it into
/// <see cref="AuditEntry"/> rows. Secrets are recorded as changed, never their values.
/// </summary>
internal sealed class AuditTrail
{
    private static readonly HashSet<string> Secret = ["password_hash", "security_stamp"];

    private readonly List<(EntityEntry Entry, AuditAction Action, Dictionary<string, object?[]> Changes)> _pending = [];

    /// <param name="reasonOf">Why a deleted record was deleted (kept as "reason" in its delete entry).</param>
    public static AuditTrail Capture(ChangeTracker tracker, Func<object, string?> reasonOf)
    {
        var trail = new AuditTrail();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEntry || entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            // The sign-in provider's own bookkeeping (applications, tokens) is not CRM data, and the data-protection
            // key ring is key material: copying it into the audit trail would spread the keys.
            if (IsInfrastructure(entry.Metadata.ClrType)) continue;
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Insert,
                EntityState.Deleted => AuditAction.Delete,
                _ => AuditAction.Update,
            };
            var changes = new Dictionary<string, object?[]>();
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.IsPrimaryKey()) continue;
                var column = property.Metadata.GetColumnName();
                var (old, @new) = action switch
                {
                    AuditAction.Insert => (null, property.CurrentValue),
                    AuditAction.Delete => (property.OriginalValue, null),
                    _ => (property.OriginalValue, property.CurrentValue),
                };
                if (action == AuditAction.Update && (!property.IsModified || Equals(old, @new))) continue;
                var converter = property.Metadata.GetTypeMapping().Converter;
                changes[column] = Secret.Contains(column) ? ["***", "***"]
                    : [Stored(old, converter), Stored(@new, converter)];
            }
            if (action == AuditAction.Delete && reasonOf(entry.Entity) is { } reason) changes[AuditEntry.ReasonKey] = [null, reason];
            // Sign-in bookkeeping (failed attempts, lockout) is not a change to CRM data.
            if (action == AuditAction.Update && changes.Keys.All(k => k is "version" or "updated_at" or "failed_sign_ins" or "locked_until")) continue;
            trail._pending.Add((entry, action, changes));
        }
        return trail;
    }

    private static bool IsInfrastructure(Type type) =>
        type.Namespace?.StartsWith("OpenIddict", StringComparison.Ordinal) == true
        || type == typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey);

    public bool IsEmpty => _pending.Count == 0;

    public IEnumerable<AuditEntry> ToEntries(DateTime at, long? userId) =>
        _pending.Select(p => new AuditEntry(at, userId, p.Entry.Metadata.GetTableName() ?? p.Entry.Metadata.ShortName(),
            (long)p.Entry.Property("Id").CurrentValue!, p.Action, Serialize(p.Changes)));

    /// <summary>For bulk loads: one summary row per table with how many rows went in.</summary>
    public IEnumerable<AuditEntry> ToBulkSummary(DateTime at, long? userId, string reason) =>
        _pending.GroupBy(p => p.Entry.Metadata.GetTableName() ?? p.Entry.Metadata.ShortName())
            .Select(g => new AuditEntry(at, userId, g.Key, 0, AuditAction.BulkInsert,
                JsonSerializer.Serialize(new { reason, rows = g.Count() })));

    private static string Serialize(Dictionary<string, object?[]> changes) =>
        JsonSerializer.Serialize(changes.ToDictionary(c => c.Key, c => new { old = Plain(c.Value[0]), @new = Plain(c.Value[1]) }));

    /// <summary>Values as the database stores them ("In Progress", not the enum's ordinal).</summary>
    private static object? Stored(object? value, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? converter) =>
        value is null || converter is null ? value : converter.ConvertToProvider(value);

    private static object? Plain(object? value) => value switch
    {
        DateTime d => d.ToString("O"),
        _ => value,
    };
}
