using JlnbCrm.Database;
using JlnbCrm.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.ServiceLevels;

/// <summary>
/// The targets and holidays in force, read once: computes due-ats for new work. The due-at is stored on the record,
/// so changing a target or adding a holiday later moves no existing clock.
/// </summary>
public sealed class SlaTargets(IReadOnlyDictionary<string, int> workingDays, IReadOnlySet<DateOnly> holidays)
{
    public static async Task<SlaTargets> LoadAsync(CrmDbContext db, CancellationToken ct = default)
    {
        var targets = await db.ServiceLevels.AsNoTracking().ToDictionaryAsync(l => l.Subject, l => l.WorkingDays, ct);
        var days = await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct);
        return new SlaTargets(targets, days.ToHashSet());
    }

    /// <summary>Due-at of a service request of this type, or of a client query when <paramref name="type"/> is null.</summary>
    public DateTime DueAt(ServiceRequestType? type, DateTime createdAtUtc)
    {
        var subject = ServiceLevel.SubjectOf(type);
        // A target missing from the table (a type added later) falls back to the seeded default.
        var target = workingDays.TryGetValue(subject, out var days) ? days : ServiceLevel.Defaults[subject];
        return WorkingCalendar.AddWorkingDays(createdAtUtc, target, holidays);
    }
}
