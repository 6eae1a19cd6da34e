namespace JlnbCrm.Access;

/// <summary>
/// Row-level security for the firm's settings tables (service levels, holidays, desk routes), in the style of
/// <see cref="RowLevelSecurity"/>: every signed-in user reads them (their own session computes due-ats and routes
/// requests from them), only administrators write them; start-up work as the owner passes through its own policy.
/// </summary>
public static class AdminManagedTables
{
    private const string SignedIn = "(SELECT crm_actor_id()) IS NOT NULL";
    private const string Admin = "(SELECT crm_actor_role()) = 0";

    public static string Enable(params string[] tables) => string.Concat(tables.Select(table => $"""
        GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {RowLevelSecurity.AppRole};
        GRANT USAGE, SELECT ON SEQUENCE {table}_id_seq TO {RowLevelSecurity.AppRole};
        ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY owner_all ON {table} TO CURRENT_USER USING (true) WITH CHECK (true);
        CREATE POLICY app_select ON {table} FOR SELECT TO {RowLevelSecurity.AppRole} USING ({SignedIn});
        CREATE POLICY app_insert ON {table} FOR INSERT TO {RowLevelSecurity.AppRole} WITH CHECK ({Admin});
        CREATE POLICY app_update ON {table} FOR UPDATE TO {RowLevelSecurity.AppRole} USING ({Admin}) WITH CHECK ({Admin});
        CREATE POLICY app_delete ON {table} FOR DELETE TO {RowLevelSecurity.AppRole} USING ({Admin});

        """));
}
