namespace JlnbCrm.Access;

/// <summary>
/// The hand-written SQL of the ClientReach migrations (after EF has created the table): on PostgreSQL the policies
/// that read client_reach instead of collecting the reached set per statement, the client search function with the
/// same clients predicate, the triggers and the backfill; on SQLite the triggers and the backfill.
/// </summary>
public static class ClientReachMigration
{
    /// <summary>Enable() grants the app role every table: client_reach is then narrowed to reading (PostgresUp).</summary>
    public static string PostgresUp() =>
        RowLevelSecurity.DropPolicies() + RowLevelSecurity.Enable()
        + Clients.ClientSearchCandidates.Create(RowLevelSecurity.ClientsVisible)
        + $"REVOKE ALL ON __ef_migrations_history FROM {RowLevelSecurity.AppRole};\n"
        + ClientReachMaintenance.PostgresUp();

    public static string PostgresDown() =>
        ClientReachMaintenance.PostgresDown() + RowLevelSecurity.DropPolicies() + RowLevelSecurity.EnableStoredOwnership()
        + Clients.ClientSearchCandidates.Create(RowLevelSecurity.StoredOwnershipClientsVisible)
        + $"REVOKE ALL ON __ef_migrations_history FROM {RowLevelSecurity.AppRole};\n";

    public static string SqliteUp() => ClientReachMaintenance.SqliteUp();

    public static string SqliteDown() => ClientReachMaintenance.SqliteDown();
}
