using JlnbCrm.Clients;
using JlnbCrm.Domain;
using JlnbCrm.ServiceLevels;
using JlnbCrm.Users;

namespace JlnbCrm.ServiceRequests;

/// <summary>
/// Operations work for a client, in the queue of one desk (an operations team, chosen by
/// <see cref="Desks.DeskRouting"/> when it is raised). Pending → In Progress → Completed; Pending or In Progress →
/// Rejected (with a reason); Completed and Rejected are final until someone reopens the request (with a reason),
/// which puts it back to Pending with the same assignee. Starting an unassigned request assigns it to whoever starts it.
/// </summary>
public sealed class ServiceRequest : Entity, Access.IClientOwned
{
    private ServiceRequest() { }

    public ServiceRequest(long clientId, ServiceRequestType type, string details, Team desk, long? assignedUserId = null)
    {
        if (!Enum.IsDefined(type))
            throw new RuleViolationException(ErrorCodes.Invalid, "Unknown service request type.", "type");
        ClientId = clientId;
        Type = type;
        Details = Guard.Required(details, "details", 4000);
        AssignedUserId = assignedUserId;
        Status = ServiceRequestStatus.Pending;
        PutOn(desk);
    }

    public long ClientId { get; private set; }
    public Client? Client { get; private set; }
    public long ClientRmId { get; private set; }
    public long? ClientTeamId { get; private set; }
    void Access.IClientOwned.CopyClientOwner(long rmId, long? teamId) => (ClientRmId, ClientTeamId) = (rmId, teamId);
    public ServiceRequestType Type { get; private set; }
    public string Details { get; private set; } = "";
    public ServiceRequestStatus Status { get; private set; }
    public long? AssignedUserId { get; private set; }
    public User? AssignedUser { get; private set; }
    /// <summary>The operations team whose queue holds this request.</summary>
    public long DeskId { get; private set; }
    public Team? Desk { get; private set; }
    public string? RejectionReason { get; private set; }
    /// <summary>Why it was last reopened (the audit trail keeps every earlier one).</summary>
    public string? ReopenReason { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    /// <summary>When the request's turnaround target runs out (UTC); fixed when it is raised.</summary>
    public DateTime DueAt { get; private set; }
    /// <summary>When the breach scanner recorded this request's breach in the audit trail (once).</summary>
    public DateTime? BreachRecordedAt { get; private set; }

    /// <summary>The statuses of work still in a desk's queue (the queue's partial indexes are declared over them).</summary>
    public static readonly IReadOnlyList<ServiceRequestStatus> OpenStatuses =
        [ServiceRequestStatus.Pending, ServiceRequestStatus.InProgress];

    public bool IsOpen => OpenStatuses.Contains(Status);

    /// <summary>Raised at <paramref name="createdAtUtc"/>, due by <paramref name="dueAtUtc"/> (see <see cref="SlaTargets"/>).</summary>
    public void StartClock(DateTime createdAtUtc, DateTime dueAtUtc)
    {
        Backdate(createdAtUtc);
        DueAt = dueAtUtc;
    }

    public SlaState SlaStateAt(DateTime utcNow) => SlaRules.StateOf(DueAt, ClosedAt, utcNow);

    /// <summary>Corrects what was asked: the details while the request is open, the type only before work starts.</summary>
    public void Revise(ServiceRequestType type, string details)
    {
        if (!IsOpen) throw Illegal("edit it", $"it is already {EnumText<ServiceRequestStatus>.ToText(Status)}");
        if (!Enum.IsDefined(type))
            throw new RuleViolationException(ErrorCodes.Invalid, "Unknown service request type.", "type");
        if (type != Type && Status != ServiceRequestStatus.Pending)
            throw new RuleViolationException(ErrorCodes.IllegalTransition,
                "The type can change only while the request is Pending; work on it has started.", "type");
        Type = type;
        Details = Guard.Required(details, "details", 4000);
    }

    /// <summary>
    /// Puts the request in <paramref name="desk"/>'s queue. Only while nobody works it: a request someone has picked
    /// up stays on their desk (a type change then leaves the desk alone).
    /// </summary>
    public void RouteTo(Team desk)
    {
        if (AssignedUserId is null) PutOn(desk);
    }

    private void PutOn(Team desk)
    {
        if (!desk.IsDesk)
            throw new RuleViolationException(ErrorCodes.Invalid, $"{desk.Name} is not an operations team.", "deskId");
        DeskId = desk.Id;
        Desk = desk;
    }

    /// <summary>Gives the request to an active member of its desk.</summary>
    public void Assign(User user, string field = "userId")
    {
        if (!IsOpen) throw Illegal("reassign", $"it is already {EnumText<ServiceRequestStatus>.ToText(Status)}");
        if (!user.IsActive)
            throw new RuleViolationException(ErrorCodes.Invalid, $"{user.Name} is inactive.", field);
        if (user.TeamId != DeskId)
            throw new RuleViolationException(ErrorCodes.Invalid,
                $"{user.Name} is not on {Desk?.Name ?? "the request's desk"}: assign it to someone of its desk.", field);
        AssignedUserId = user.Id;
        AssignedUser = user;
    }

    /// <summary>Moves along the transition table below, the single place that knows which status may follow which.</summary>
    public void MoveTo(ServiceRequestStatus next, long? actorId, string? reason, DateTime utcNow)
    {
        var allowed = NextStatuses.Contains(next);
        if (!allowed)
            throw Illegal($"move it to {EnumText<ServiceRequestStatus>.ToText(next)}",
                $"a {EnumText<ServiceRequestStatus>.ToText(Status)} request can only move to {Successors(Status)}");
        if (next == ServiceRequestStatus.Rejected)
            RejectionReason = Guard.Optional(reason, "reason", 1000)
                ?? throw new RuleViolationException(ErrorCodes.Required, "A reason is required to reject a service request.", "reason");
        if (next == ServiceRequestStatus.InProgress)
            AssignedUserId ??= actorId
                ?? throw new RuleViolationException(ErrorCodes.Required, "Assign the request to someone before starting it.", "userId");
        if (next is ServiceRequestStatus.Completed or ServiceRequestStatus.Rejected)
            ClosedAt = utcNow;
        Status = next;
    }

    /// <summary>Whether the request is closed and so may be reopened (by its desk's head or an admin).</summary>
    public bool MayReopen => !IsOpen;

    /// <summary>
    /// Takes a closed request back to Pending with the same assignee (who starts it again), clearing its closing time
    /// and rejection reason; the reason is kept on the request and, with every earlier one, in the audit trail.
    /// </summary>
    public void Reopen(string reason)
    {
        if (!MayReopen) throw Illegal("reopen it", $"it is still {EnumText<ServiceRequestStatus>.ToText(Status)}");
        ReopenReason = Guard.Optional(reason, "reason", 1000)
            ?? throw new RuleViolationException(ErrorCodes.Required, "A reason is required to reopen a service request.", "reason");
        Status = ServiceRequestStatus.Pending;
        RejectionReason = null;
        ClosedAt = null;
    }

    private static readonly Dictionary<ServiceRequestStatus, ServiceRequestStatus[]> Transitions = new()
    {
        // A Pending request may be rejected without being started (incomplete documents, a duplicate).
        [ServiceRequestStatus.Pending] = [ServiceRequestStatus.InProgress, ServiceRequestStatus.Rejected],
        [ServiceRequestStatus.InProgress] = [ServiceRequestStatus.Completed, ServiceRequestStatus.Rejected],
        [ServiceRequestStatus.Completed] = [],
        [ServiceRequestStatus.Rejected] = [],
    };

    /// <summary>The statuses this request may move to next (the screens offer only these).</summary>
    public IReadOnlyList<ServiceRequestStatus> NextStatuses => Transitions[Status];

    private static string Successors(ServiceRequestStatus status) => Transitions[status] is { Length: > 0 } next
        ? string.Join(" or ", next.Select(EnumText<ServiceRequestStatus>.ToText))
        : "nothing (it is closed)";

    private static RuleViolationException Illegal(string action, string why) =>
        new(ErrorCodes.IllegalTransition, $"Cannot {action}: {why}.", "status");
}
