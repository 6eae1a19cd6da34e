using JlnbCrm.Clients;
using JlnbCrm.Domain;
using JlnbCrm.ServiceLevels;
using JlnbCrm.Users;

namespace JlnbCrm.ServiceRequests;

/// <summary>
/// Operations work for a client. Pending → In Progress → Completed or Rejected (with a reason);
/// nothing else. Starting an unassigned request assigns it to whoever starts it.
/// </summary>
public sealed class ServiceRequest : Entity
{
    private ServiceRequest() { }

    public ServiceRequest(long clientId, ServiceRequestType type, string details, long? assignedUserId = null)
    {
        if (!Enum.IsDefined(type))
            throw new RuleViolationException(ErrorCodes.Invalid, "Unknown service request type.", "type");
        ClientId = clientId;
        Type = type;
        Details = Guard.Required(details, "details", 4000);
        AssignedUserId = assignedUserId;
        Status = ServiceRequestStatus.Pending;
    }

    public long ClientId { get; private set; }
    public Client? Client { get; private set; }
    public ServiceRequestType Type { get; private set; }
    public string Details { get; private set; } = "";
    public ServiceRequestStatus Status { get; private set; }
    public long? AssignedUserId { get; private set; }
    public User? AssignedUser { get; private set; }
    public string? RejectionReason { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    /// <summary>When the request's turnaround target runs out (UTC); fixed when it is raised.</summary>
    public DateTime DueAt { get; private set; }
    /// <summary>When the breach scanner recorded this request's breach in the audit trail (once).</summary>
    public DateTime? BreachRecordedAt { get; private set; }

    public bool IsOpen => Status is ServiceRequestStatus.Pending or ServiceRequestStatus.InProgress;

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

    public void Assign(User user)
    {
        if (!IsOpen) throw Illegal("reassign", $"it is already {EnumText<ServiceRequestStatus>.ToText(Status)}");
        if (!user.IsActive)
            throw new RuleViolationException(ErrorCodes.Invalid, $"{user.Name} is inactive.", "userId");
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

    private static readonly Dictionary<ServiceRequestStatus, ServiceRequestStatus[]> Transitions = new()
    {
        [ServiceRequestStatus.Pending] = [ServiceRequestStatus.InProgress],
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
