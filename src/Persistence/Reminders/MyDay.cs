using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.ServiceRequests;

namespace JlnbCrm.Reminders;

/// <summary>
/// One person's reminders for India's today and the <see cref="MyDayReport.DaysAhead"/> days after it, computed from the
/// records each time (nothing is stored). Each section lists at most <see cref="MyDayReport.MaxPerSection"/>, most urgent first.
/// </summary>
public sealed record MyDay(
    DateOnly Today,
    DateOnly Until,
    IReadOnlyList<ReviewDue> ReviewsDue,
    IReadOnlyList<ClientOccasion> Occasions,
    IReadOnlyList<ClientQuery> OverdueQueries,
    IReadOnlyList<ServiceRequest> OverdueServiceRequests);

/// <summary>A client's portfolio review due on <see cref="DueOn"/>; <see cref="DaysOverdue"/> is 0 unless it is past.</summary>
public sealed record ReviewDue(Client Client, DateOnly DueOn, int DaysOverdue);

public enum OccasionKind { Birthday, Anniversary }

/// <summary>A client's birthday or anniversary falling on <see cref="On"/>, the <see cref="Years"/>th.</summary>
public sealed record ClientOccasion(Client Client, OccasionKind Kind, DateOnly On, int Years);
