using JlnbCrm.Access;

namespace JlnbCrm.Clients;

/// <summary>
/// The hand-written SQL of the SearchReachProbes migration (PostgreSQL only; SQLite's search is a LIKE filter): the
/// client search function that probes the reached clients by id (<see cref="ClientSearchCandidates.CreateProbingReach"/>),
/// and the drop of crm_reached_client_ids, which nothing has called since the ClientReach policies.
/// </summary>
public static class SearchReachProbesMigration
{
    public static string PostgresUp() =>
        ClientSearchCandidates.CreateProbingReach() + RowLevelSecurity.DropReachedClientIds()
        + DatabaseGrants.RevokeFromOtherRoles;

    public static string PostgresDown() =>
        RowLevelSecurity.RestoreReachedClientIds() + ClientSearchCandidates.Create(RowLevelSecurity.ClientsVisible)
        + DatabaseGrants.RevokeFromOtherRoles;
}
