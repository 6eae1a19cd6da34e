using JlnbCrm.Access;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.ServiceLevels;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Reminders;

/// <summary>
/// The signed-in person's day (the /my-day page and the GraphQL <c>myDay</c> field): reviews due and birthdays and
/// anniversaries of the clients in their care (<see cref="AccessRules.InCareOfQuery"/>), and the queries and service
/// requests assigned to them that are past due (the SLA clock's Overdue). Every read goes through the row filters, so
/// nothing appears that the person could not open.
/// </summary>
public sealed class MyDayReport(CrmDbContext db)
{
    /// <summary>Reviews up to, and occasions from today to, this many days ahead (India's calendar).</summary>
    public const int DaysAhead = 7;

    public const int MaxPerSection = 100;

    public async Task<MyDay> ForMeAsync(CancellationToken ct = default)
    {
        var now = db.UtcNow;
        var today = WorkingCalendar.DateInIndia(now);
        var until = today.AddDays(DaysAhead);
        return new MyDay(today, until,
            await ReviewsDueAsync(today, until, ct),
            await OccasionsAsync(today, until, ct),
            await OverdueQueriesAsync(now, ct),
            await OverdueServiceRequestsAsync(now, ct));
    }

    private IQueryable<Client> InMyCare() =>
        db.Clients.AsNoTracking().Include(c => c.AssignedRm).Where(db.Actor.InCareOfQuery());

    /// <summary>Overdue reviews and those due by <paramref name="until"/>, the longest overdue first.</summary>
    private async Task<IReadOnlyList<ReviewDue>> ReviewsDueAsync(DateOnly today, DateOnly until, CancellationToken ct)
    {
        var clients = await InMyCare().Where(c => c.NextReviewOn != null && c.NextReviewOn <= until)
            .OrderBy(c => c.NextReviewOn).ThenBy(c => c.Name).ThenBy(c => c.Id).Take(MaxPerSection).ToListAsync(ct);
        return clients.Select(c => new ReviewDue(c, c.NextReviewOn!.Value,
            Math.Max(0, today.DayNumber - c.NextReviewOn.Value.DayNumber))).ToList();
    }

    /// <summary>Birthdays and anniversaries from today to <paramref name="until"/>, soonest first.</summary>
    private async Task<IReadOnlyList<ClientOccasion>> OccasionsAsync(DateOnly today, DateOnly until, CancellationToken ct)
    {
        // Each day of the window by month and day (a 29 February falls on the 28th in other years), matched in SQL.
        var days = new Dictionary<int, DateOnly>();
        for (var day = today; day <= until; day = day.AddDays(1))
        {
            days[Key(day.Month, day.Day)] = day;
            if (day is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(day.Year)) days[Key(2, 29)] = day;
        }
        var keys = days.Keys.ToList();
        var clients = await InMyCare()
            .Where(c => c.DateOfBirth != null && keys.Contains(c.DateOfBirth.Value.Month * 100 + c.DateOfBirth.Value.Day)
                || c.Anniversary != null && keys.Contains(c.Anniversary.Value.Month * 100 + c.Anniversary.Value.Day))
            .OrderBy(c => c.Name).ThenBy(c => c.Id).Take(MaxPerSection).ToListAsync(ct);
        var occasions = new List<ClientOccasion>();
        foreach (var client in clients)
        {
            Add(client, OccasionKind.Birthday, client.DateOfBirth);
            Add(client, OccasionKind.Anniversary, client.Anniversary);
        }
        return occasions.OrderBy(o => o.On).ThenBy(o => o.Client.Name).ThenBy(o => o.Kind).Take(MaxPerSection).ToList();

        void Add(Client client, OccasionKind kind, DateOnly? date)
        {
            if (date is { } d && days.TryGetValue(Key(d.Month, d.Day), out var on) && on.Year > d.Year)
                occasions.Add(new ClientOccasion(client, kind, on, on.Year - d.Year));
        }
    }

    private static int Key(int month, int day) => month * 100 + day;

    private async Task<IReadOnlyList<ClientQueries.ClientQuery>> OverdueQueriesAsync(DateTime now, CancellationToken ct)
    {
        var me = db.Actor.UserId;
        var mine = db.ClientQueries.AsNoTracking().Include(q => q.Client).Where(q => q.AssignedRmId == me);
        return await SlaClocks.ClientQueries.Filter(mine, SlaState.Overdue, now)
            .OrderBy(q => q.DueAt).ThenBy(q => q.Id).Take(MaxPerSection).ToListAsync(ct);
    }

    private async Task<IReadOnlyList<ServiceRequests.ServiceRequest>> OverdueServiceRequestsAsync(DateTime now, CancellationToken ct)
    {
        var me = db.Actor.UserId;
        var mine = db.ServiceRequests.AsNoTracking().Include(s => s.Client).Where(s => s.AssignedUserId == me);
        return await SlaClocks.ServiceRequests.Filter(mine, SlaState.Overdue, now)
            .OrderBy(s => s.DueAt).ThenBy(s => s.Id).Take(MaxPerSection).ToListAsync(ct);
    }
}
