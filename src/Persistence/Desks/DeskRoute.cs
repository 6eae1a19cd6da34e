using JlnbCrm.Domain;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;

namespace JlnbCrm.Desks;

/// <summary>
/// "Requests of this type go to this desk" (admin-set). A type without a route goes to the default desk
/// (<see cref="Team.IsDefaultDesk"/>).
/// </summary>
public sealed class DeskRoute : Entity
{
    private DeskRoute() { }

    public DeskRoute(ServiceRequestType type, Team desk)
    {
        if (!Enum.IsDefined(type))
            throw new RuleViolationException(ErrorCodes.Invalid, "Unknown service request type.", "type");
        Type = type;
        RouteTo(desk);
    }

    public ServiceRequestType Type { get; private set; }
    public long TeamId { get; private set; }
    public Team? Team { get; private set; }

    public void RouteTo(Team desk)
    {
        if (!desk.IsDesk)
            throw new RuleViolationException(ErrorCodes.Invalid, $"{desk.Name} is not an operations team.", "teamId");
        TeamId = desk.Id;
        Team = desk;
    }
}
