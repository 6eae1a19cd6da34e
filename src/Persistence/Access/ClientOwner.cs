namespace JlnbCrm.Access;

/// <summary>
/// Who owns each client (its RM and the RM's team), read straight from the tables without row filters.
/// <see cref="ClientOwnership"/> copies it onto each new record about a client (holding, interaction, query, request),
/// also when the writer cannot read the client's row itself.
/// On PostgreSQL the view runs with its owner's rights, so row-level security does not re-check every client
/// it joins (it exposes only ids); the planner still inlines it, so lookups by client id use the primary key.
/// </summary>
public sealed class ClientOwner
{
    public const string View = "client_owners";

    public const string CreateView =
        $"CREATE VIEW {View} AS SELECT c.id AS client_id, c.assigned_rm_id AS rm_id, u.team_id FROM clients AS c JOIN users AS u ON u.id = c.assigned_rm_id;";

    public long ClientId { get; private set; }
    public long RmId { get; private set; }
    public long? TeamId { get; private set; }
}
