namespace JlnbCrm.Access;

/// <summary>
/// A record about a client (holding, interaction, query, service request) that carries a copy of the client's
/// ownership — its RM and that RM's team — so row filters and row-level security compare the record's own columns
/// instead of looking the client up per row or per statement. <see cref="ClientOwnership"/> keeps the copy current
/// in the same save as the change it follows (new record, client reassigned, RM moved to another team).
/// </summary>
public interface IClientOwned
{
    long ClientId { get; }
    Clients.Client? Client { get; }
    /// <summary>The client's assigned RM (a copy of clients.assigned_rm_id).</summary>
    long ClientRmId { get; }
    /// <summary>That RM's team (a copy of clients.team_id); null while the RM has no team.</summary>
    long? ClientTeamId { get; }
    void CopyClientOwner(long rmId, long? teamId);
}
