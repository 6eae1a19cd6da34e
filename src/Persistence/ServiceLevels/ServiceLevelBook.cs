using JlnbCrm.Access;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.ServiceLevels;

/// <summary>The turnaround targets and the holiday list: everyone signed in reads them, administrators change them.</summary>
public sealed class ServiceLevelBook(CrmDbContext db)
{
    private const string What = "change service levels or holidays";

    public async Task<IReadOnlyList<ServiceLevel>> TargetsAsync(CancellationToken ct = default) =>
        (await db.ServiceLevels.AsNoTracking().ToListAsync(ct))
        .OrderBy(l => l.RequestType is null).ThenBy(l => l.RequestType).ToList();

    public async Task<IReadOnlyList<Holiday>> HolidaysAsync(DateOnly? from = null, CancellationToken ct = default)
    {
        var holidays = db.Holidays.AsNoTracking();
        if (from is { } start) holidays = holidays.Where(h => h.Date >= start);
        return await holidays.OrderBy(h => h.Date).ToListAsync(ct);
    }

    /// <summary>Sets the target of a request type, or the firm-wide client-query target when the type is null.</summary>
    public async Task<ServiceLevel> SetTargetAsync(ServiceRequestType? type, int workingDays, CancellationToken ct = default)
    {
        db.Actor.RequireAdmin(What);
        var subject = ServiceLevel.SubjectOf(type);
        var level = await db.ServiceLevels.SingleOrDefaultAsync(l => l.Subject == subject, ct);
        if (level is null) db.ServiceLevels.Add(level = new ServiceLevel(subject, workingDays));
        else level.ChangeTarget(workingDays);
        await db.SaveChangesAsync(ct);
        return level;
    }

    public async Task<Holiday> AddHolidayAsync(DateOnly date, string name, CancellationToken ct = default)
    {
        db.Actor.RequireAdmin(What);
        var holiday = new Holiday(date, name);
        if (await db.Holidays.AnyAsync(h => h.Date == date, ct))
            throw new RuleViolationException(ErrorCodes.Duplicate, $"{date:d MMM yyyy} is already a holiday.", "date");
        db.Holidays.Add(holiday);
        await db.SaveChangesAsync(ct);
        return holiday;
    }

    public async Task<Holiday> RemoveHolidayAsync(long id, CancellationToken ct = default)
    {
        db.Actor.RequireAdmin(What);
        var holiday = await db.Holidays.SingleOrDefaultAsync(h => h.Id == id, ct)
            ?? throw new RuleViolationException(ErrorCodes.NotFound, "No such holiday.", "id");
        db.Holidays.Remove(holiday);
        await db.SaveChangesAsync(ct);
        return holiday;
    }
}
