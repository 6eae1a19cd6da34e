using JlnbCrm.Domain;
using JlnbCrm.ServiceRequests;

namespace JlnbCrm.ServiceLevels;

/// <summary>
/// A target turnaround in working days: one per service-request type, and one firm-wide for client queries.
/// <see cref="Subject"/> holds the request type's text ("KYC Update") or <see cref="ClientQueries"/>.
/// </summary>
public sealed class ServiceLevel : Entity
{
    public const string ClientQueries = "Client Query";
    public const int MaxWorkingDays = 60;

    private ServiceLevel() { }

    public ServiceLevel(string subject, int workingDays)
    {
        Subject = subject;
        ChangeTarget(workingDays);
    }

    public string Subject { get; private set; } = "";
    public int WorkingDays { get; private set; }

    /// <summary>The request type this target is for; null for the client-query target.</summary>
    public ServiceRequestType? RequestType =>
        Subject == ClientQueries ? null : EnumText<ServiceRequestType>.Parse(Subject);

    public static string SubjectOf(ServiceRequestType? type) =>
        type is { } t ? EnumText<ServiceRequestType>.ToText(t) : ClientQueries;

    public void ChangeTarget(int workingDays)
    {
        if (workingDays is < 1 or > MaxWorkingDays)
            throw new RuleViolationException(ErrorCodes.Invalid,
                $"A target is between 1 and {MaxWorkingDays} working days.", "workingDays");
        WorkingDays = workingDays;
    }

    /// <summary>The data-principal request types (access, correction, erasure), on the statutory clock.</summary>
    public static readonly IReadOnlySet<ServiceRequestType> DataPrincipalRequests = new HashSet<ServiceRequestType>
        { ServiceRequestType.DataAccess, ServiceRequestType.DataCorrection, ServiceRequestType.DataErasure };

    /// <summary>The targets a new database starts with (the migration seeds them; admins change them).</summary>
    public static readonly IReadOnlyDictionary<string, int> Defaults = BuildDefaults();

    private static Dictionary<string, int> BuildDefaults()
    {
        var targets = Enum.GetValues<ServiceRequestType>().ToDictionary(t => SubjectOf(t), _ => 3);
        targets[SubjectOf(ServiceRequestType.KycUpdate)] = 2;
        targets[SubjectOf(ServiceRequestType.Redemption)] = 1;
        targets[SubjectOf(ServiceRequestType.AccountOpening)] = 5;
        targets[ClientQueries] = 3;
        // DPDP Rules 2025, r. 14(3): a data principal's request is answered within at most 90 (calendar) days. 60 working
        // days (about 70 calendar days with Sundays off) keeps the firm inside that ceiling even with a long holiday
        // list; admins may shorten it at /admin/service-levels, and it cannot exceed MaxWorkingDays.
        foreach (var type in DataPrincipalRequests) targets[SubjectOf(type)] = MaxWorkingDays;
        return targets;
    }

    /// <summary>Seeded rows keep their ids as types are added: the original ten first, later ones after them.</summary>
    internal static int SeedOrder(string subject) =>
        Enum.GetValues<ServiceRequestType>().Any(t => DataPrincipalRequests.Contains(t) && SubjectOf(t) == subject) ? 1 : 0;
}
