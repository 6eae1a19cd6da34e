using JlnbCrm.Clients;
using JlnbCrm.Domain;
using JlnbCrm.ServiceLevels;
using JlnbCrm.Users;

namespace JlnbCrm.ClientQueries;

/// <summary>
/// A question or complaint from a client (table <c>queries</c>). Open → In Progress → Resolved → Closed;
/// an open query may also be closed directly. Resolved and Closed always carry a resolution.
/// </summary>
public sealed class ClientQuery : Entity, Access.IClientOwned
{
    private ClientQuery() { }

    public ClientQuery(long clientId, long assignedRmId, string details)
    {
        ClientId = clientId;
        AssignedRmId = assignedRmId;
        Details = Guard.Required(details, "details", 4000);
        Status = ClientQueryStatus.Open;
    }

    public long ClientId { get; private set; }
    public Client? Client { get; private set; }
    public long ClientRmId { get; private set; }
    public long? ClientTeamId { get; private set; }
    void Access.IClientOwned.CopyClientOwner(long rmId, long? teamId) => (ClientRmId, ClientTeamId) = (rmId, teamId);
    public long AssignedRmId { get; private set; }
    public User? AssignedRm { get; private set; }
    public string Details { get; private set; } = "";
    public ClientQueryStatus Status { get; private set; }
    public string? Resolution { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    /// <summary>When the firm-wide query target runs out (UTC); fixed when the query is opened.</summary>
    public DateTime DueAt { get; private set; }
    /// <summary>When the breach scanner recorded this query's breach in the audit trail (once).</summary>
    public DateTime? BreachRecordedAt { get; private set; }

    public bool IsOpen => Status is ClientQueryStatus.Open or ClientQueryStatus.InProgress;

    /// <summary>Opened at <paramref name="createdAtUtc"/>, due by <paramref name="dueAtUtc"/> (see <see cref="SlaTargets"/>).</summary>
    public void StartClock(DateTime createdAtUtc, DateTime dueAtUtc)
    {
        Backdate(createdAtUtc);
        DueAt = dueAtUtc;
    }

    /// <summary>The clock stops when the query is resolved (or closed straight away, which also sets resolved at).</summary>
    public SlaState SlaStateAt(DateTime utcNow) => SlaRules.StateOf(DueAt, ResolvedAt, utcNow);

    public void UpdateDetails(string details)
    {
        EnsureOpen("edit");
        Details = Guard.Required(details, "details", 4000);
    }

    public void Assign(User rm)
    {
        EnsureOpen("reassign");
        if (!rm.IsActive)
            throw new RuleViolationException(ErrorCodes.Invalid, $"{rm.Name} is inactive.", "rmId");
        AssignedRmId = rm.Id;
        AssignedRm = rm;
    }

    /// <summary>What the query's status allows next (the screens offer only these actions).</summary>
    public bool CanStart => Status == ClientQueryStatus.Open;
    public bool CanResolve => IsOpen;
    public bool CanClose => Status != ClientQueryStatus.Closed;

    public void Start()
    {
        if (!CanStart)
            throw Illegal("start", "only an Open query can move to In Progress");
        Status = ClientQueryStatus.InProgress;
    }

    public void Resolve(string? resolution, DateTime utcNow)
    {
        EnsureOpen("resolve");
        Resolution = RequireResolution(resolution);
        ResolvedAt = utcNow;
        Status = ClientQueryStatus.Resolved;
    }

    /// <summary>Closes a resolved query, or an open one if a resolution is given now.</summary>
    public void Close(string? resolution, DateTime utcNow)
    {
        if (!CanClose)
            throw Illegal("close", "it is already Closed");
        if (IsOpen)
        {
            Resolution = RequireResolution(resolution);
            ResolvedAt = utcNow;
        }
        else if (!string.IsNullOrWhiteSpace(resolution))
        {
            Resolution = Guard.Optional(resolution, "resolution", 4000);
        }
        Status = ClientQueryStatus.Closed;
    }

    private static string RequireResolution(string? resolution) =>
        Guard.Optional(resolution, "resolution", 4000)
        ?? throw new RuleViolationException(ErrorCodes.Required, "A resolution is required to resolve or close a query.", "resolution");

    private void EnsureOpen(string action)
    {
        if (!IsOpen) throw Illegal(action, $"it is already {EnumText<ClientQueryStatus>.ToText(Status)}");
    }

    private static RuleViolationException Illegal(string action, string why) =>
        new(ErrorCodes.IllegalTransition, $"Cannot {action} this query: {why}.", "status");
}
