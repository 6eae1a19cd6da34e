namespace JlnbCrm.Access;

/// <summary>
/// The hand-written SQL of the StoredOwnership migrations: fill the ownership columns from their sources (both
/// providers), then on PostgreSQL replace the policies with ones that compare those columns and add the indexed
/// client search. <see cref="ClientOwnership"/> keeps the columns current from then on.
/// </summary>
public static class StoredOwnershipMigration
{
    /// <summary>UPDATE … FROM runs on PostgreSQL and on SQLite (3.33+) alike.</summary>
    public const string Backfill = """
        UPDATE clients SET team_id = u.team_id FROM users u WHERE u.id = clients.assigned_rm_id;
        UPDATE client_products SET client_rm_id = c.assigned_rm_id, client_team_id = c.team_id
          FROM clients c WHERE c.id = client_products.client_id;
        UPDATE interactions SET client_rm_id = c.assigned_rm_id, client_team_id = c.team_id
          FROM clients c WHERE c.id = interactions.client_id;
        UPDATE queries SET client_rm_id = c.assigned_rm_id, client_team_id = c.team_id
          FROM clients c WHERE c.id = queries.client_id;
        UPDATE service_requests SET client_rm_id = c.assigned_rm_id, client_team_id = c.team_id
          FROM clients c WHERE c.id = service_requests.client_id;

        """;

    /// <summary>Enable() grants the app role every table, so the migrations' own history is taken back (as OperationsDesks does).</summary>
    public static string PostgresUp() =>
        RowLevelSecurity.DropPolicies() + RowLevelSecurity.EnableStoredOwnership()
        + Clients.ClientSearchCandidates.Create(RowLevelSecurity.StoredOwnershipClientsVisible)
        + $"REVOKE ALL ON __ef_migrations_history FROM {RowLevelSecurity.AppRole};\n";

    public static string PostgresDown() =>
        Clients.ClientSearchCandidates.Drop() + RowLevelSecurity.DropPolicies() + RowLevelSecurity.EnableWithDesks();
}
