using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.ServiceLevels;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Leads;

/// <summary>Who a ledger row credits: the staff member who obtained references, or whoever gave them.</summary>
public enum ReferrerKind { Staff, Client, Other }

/// <summary>One referrer's references created in the period and what became of them (days are calendar days).</summary>
public sealed record ReferrerLedgerEntry(
    ReferrerKind Kind, long? ReferrerId, string Name, int Given, int Converted, int Denied, int Open,
    decimal ConversionRate, double? AverageDaysToConvert, double? MedianDaysToConvert);

/// <summary>
/// The referrer ledger: per staff member who obtained references and per referrer who gave them (an existing client,
/// or free text when the giver is not a client), how many references were created in the period, converted, denied
/// and still open. Counts come from grouped SQL over <c>db.Leads</c>, so the EF filters and row security count only
/// the references the caller may see. A converted reference is closed for good, so its last update is the moment
/// it converted: time to convert is UpdatedAt − CreatedAt. SQLite cannot subtract times in SQL, so the average and
/// median are taken here from the converted rows' two timestamps (as the dashboard's query statistics do).
/// </summary>
public sealed class ReferrerLedger(CrmDbContext db)
{
    public const int MaxRows = 500;

    /// <summary>
    /// The dashboard's referrer leaderboard is for admins and heads, who steer referral programmes; everyone may still
    /// ask the API for the ledger, which counts only the references they see.
    /// </summary>
    public static bool ShowsLeaderboardTo(ICurrentActor actor) => actor.Role is RoleLevel.Admin or RoleLevel.Head;

    /// <summary>References created from the start of <paramref name="from"/> to the end of <paramref name="to"/>, India time.</summary>
    public async Task<IReadOnlyList<ReferrerLedgerEntry>> ForPeriodAsync(
        DateOnly? from, DateOnly? to, int? first, CancellationToken ct = default)
    {
        if (first is < 1 or > MaxRows)
            throw new RuleViolationException(ErrorCodes.Invalid, $"Ask for 1 to {MaxRows} referrers.", "first");
        if (from > to)
            throw new RuleViolationException(ErrorCodes.Invalid, "The period ends before it starts.", "to");
        var leads = InPeriod(from, to);

        var staff = await leads.GroupBy(l => l.RefObtainedById)
            .Select(g => new Tally(ReferrerKind.Staff, g.Key, null, g.Count(),
                g.Count(l => l.Status == LeadStatus.Converted), g.Count(l => l.Status == LeadStatus.Denied)))
            .ToListAsync(ct);
        var givers = await leads.Where(l => l.RefGivenByClientId != null || l.RefGivenBy != null)
            .GroupBy(l => new { l.RefGivenByClientId, Text = l.RefGivenByClientId == null ? l.RefGivenBy : null })
            .Select(g => new Tally(g.Key.RefGivenByClientId == null ? ReferrerKind.Other : ReferrerKind.Client,
                g.Key.RefGivenByClientId, g.Key.Text, g.Count(),
                g.Count(l => l.Status == LeadStatus.Converted), g.Count(l => l.Status == LeadStatus.Denied)))
            .ToListAsync(ct);
        var conversions = await leads.Where(l => l.Status == LeadStatus.Converted)
            .Select(l => new Span(l.RefObtainedById, l.RefGivenByClientId, l.RefGivenBy, l.CreatedAt, l.UpdatedAt))
            .ToListAsync(ct);

        var userIds = staff.Select(s => s.Id!.Value).ToList();
        var userNames = await db.Users.Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var clientIds = givers.Where(g => g.Id is not null).Select(g => g.Id!.Value).ToList();
        var clientNames = await db.Clients.Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);

        var rows = staff.Select(s => Entry(s, userNames.GetValueOrDefault(s.Id!.Value, $"User {s.Id}"),
                conversions.Where(c => c.ObtainedBy == s.Id)))
            .Concat(givers.Select(g => Entry(g, g.Kind == ReferrerKind.Client
                    // A referring client the caller cannot see keeps its id (the reference shows it) but not its name.
                    ? clientNames.GetValueOrDefault(g.Id!.Value, "A client you cannot see") : g.Text!,
                conversions.Where(c => g.Kind == ReferrerKind.Client ? c.GivenByClient == g.Id
                    : c.GivenByClient == null && c.GivenByText == g.Text))))
            .OrderByDescending(r => r.Converted).ThenByDescending(r => r.Given).ThenBy(r => r.Kind).ThenBy(r => r.Name);
        return (first is { } n ? rows.Take(n) : rows).ToList();
    }

    /// <summary>India has no daylight saving, but the zone conversion keeps the rule in one place.</summary>
    public static (DateTime? Start, DateTime? End) PeriodInUtc(DateOnly? from, DateOnly? to) => (
        from is { } f ? TimeZoneInfo.ConvertTimeToUtc(f.ToDateTime(TimeOnly.MinValue), WorkingCalendar.India) : null,
        to is { } t ? TimeZoneInfo.ConvertTimeToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue), WorkingCalendar.India) : null);

    private IQueryable<Lead> InPeriod(DateOnly? from, DateOnly? to)
    {
        var (start, end) = PeriodInUtc(from, to);
        var leads = db.Leads.AsQueryable();
        if (start is { } s) leads = leads.Where(l => l.CreatedAt >= s);
        if (end is { } e) leads = leads.Where(l => l.CreatedAt < e);
        return leads;
    }

    private static ReferrerLedgerEntry Entry(Tally tally, string name, IEnumerable<Span> conversions)
    {
        var days = conversions.Select(c => (c.ConvertedAt - c.CreatedAt).TotalDays).Order().ToList();
        double? median = days.Count == 0 ? null
            : days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2;
        return new ReferrerLedgerEntry(tally.Kind, tally.Id, name, tally.Given, tally.Converted, tally.Denied,
            tally.Given - tally.Converted - tally.Denied,
            tally.Given == 0 ? 0 : Math.Round((decimal)tally.Converted / tally.Given, 4),
            days.Count == 0 ? null : Math.Round(days.Average(), 2), median is { } m ? Math.Round(m, 2) : null);
    }

    private sealed record Tally(ReferrerKind Kind, long? Id, string? Text, int Given, int Converted, int Denied);

    private sealed record Span(long ObtainedBy, long? GivenByClient, string? GivenByText, DateTime CreatedAt, DateTime ConvertedAt);
}
