using JlnbCrm.Changes;

namespace JlnbCrm.Graph.Subscriptions;

/// <summary>
/// A change the subscriber may see: the row as their own row-secured scope read it, and that scope, in which the
/// event's selection set then runs (<see cref="EventScopeStrategy"/> disposes it).
/// </summary>
public sealed record RowEvent(ChangeAction Action, object Node, SignedInScope Scope);
