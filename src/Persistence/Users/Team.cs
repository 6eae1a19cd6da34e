using JlnbCrm.Domain;

namespace JlnbCrm.Users;

public sealed class Team : Entity
{
    private Team() { }

    public Team(string name, TeamKind kind = TeamKind.Relationship)
    {
        Rename(name);
        Kind = kind;
    }

    public string Name { get; private set; } = "";

    /// <summary>Relationship (RMs) or Operations (a desk that works service requests).</summary>
    public TeamKind Kind { get; private set; }

    /// <summary>The desk that receives requests of types no route names (exactly one once any desk exists).</summary>
    public bool IsDefaultDesk { get; private set; }

    public bool IsDesk => Kind == TeamKind.Operations;

    public void Rename(string name) => Name = Guard.Required(name, "name", 100);

    /// <summary>
    /// Changes what the team does. The caller (<see cref="Desks.DeskRouting"/>) checks that a desk still receiving
    /// work (routes, open requests, the default) is not turned back into an RM team.
    /// </summary>
    internal void ChangeKind(TeamKind kind)
    {
        if (!Enum.IsDefined(kind)) throw new RuleViolationException(ErrorCodes.Invalid, "Unknown team kind.", "kind");
        Kind = kind;
    }

    internal void MarkDefaultDesk(bool isDefault)
    {
        if (isDefault && !IsDesk)
            throw new RuleViolationException(ErrorCodes.Invalid, $"{Name} is not an operations team.", "teamId");
        IsDefaultDesk = isDefault;
    }
}
