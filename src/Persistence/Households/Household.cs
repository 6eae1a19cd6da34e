using JlnbCrm.Clients;
using JlnbCrm.Domain;

namespace JlnbCrm.Households;

/// <summary>
/// A family group of clients with one head member. A client belongs to at most one household; members may have
/// different RMs, so who sees a household is whoever sees one of its clients (<see cref="HouseholdSecurity"/>), and
/// every roll-up over it shows only the members, holdings and work that viewer sees anyway.
/// </summary>
public sealed class Household : Entity
{
    private Household() { }

    /// <summary>A new household headed by <paramref name="head"/>, who joins it as its first member.</summary>
    internal Household(string name, Client head)
    {
        Rename(name);
        HeadClientId = head.Id;
        HeadClient = head;
        head.JoinHousehold(this);
    }

    public string Name { get; private set; } = "";

    /// <summary>
    /// Always a member. It is also what keeps a household in its creator's sight before any member row points at it.
    /// </summary>
    public long HeadClientId { get; private set; }
    public Client? HeadClient { get; private set; }

    public void Rename(string name) => Name = Guard.Required(name, "name", 200);

    /// <summary>Adds a client who is in no household yet (a client belongs to one household at most).</summary>
    internal void Admit(Client client)
    {
        if (client.HouseholdId is { } current)
            throw new RuleViolationException(ErrorCodes.Duplicate, current == Id
                ? $"{client.Name} is already a member of {Name}."
                : $"{client.Name} already belongs to another household; remove them from it first.", "clientId");
        client.JoinHousehold(this);
    }

    /// <summary>
    /// Takes a member out. The head leaves last: while others remain, another member must be made head first.
    /// Returns true when the household is left empty (the caller removes it).
    /// </summary>
    internal bool Release(Client member, int memberCount)
    {
        EnsureMember(member);
        if (member.Id == HeadClientId && memberCount > 1)
            throw new RuleViolationException(ErrorCodes.IllegalTransition,
                $"{member.Name} heads {Name}: make another member the head first.", "clientId");
        member.LeaveHousehold();
        return member.Id == HeadClientId;
    }

    public void MakeHead(Client member)
    {
        EnsureMember(member);
        HeadClientId = member.Id;
        HeadClient = member;
    }

    private void EnsureMember(Client client)
    {
        if (client.HouseholdId != Id)
            throw new RuleViolationException(ErrorCodes.Invalid, $"{client.Name} is not a member of {Name}.", "clientId");
    }
}
