using JlnbCrm.Access;

namespace JlnbCrm.ServiceLevels;

/// <summary>
/// Row-level security for the firm's calendar and targets (PostgreSQL, in the style of <see cref="RowLevelSecurity"/>):
/// every signed-in user reads them (due-ats are computed from them in the user's own session), only administrators
/// write them; start-up work as the owner passes through its own policy.
/// </summary>
public static class ServiceLevelSecurity
{
    private static readonly string[] Tables = ["service_levels", "holidays"];
    private const string SignedIn = "(SELECT crm_actor_id()) IS NOT NULL";
    private const string Admin = "(SELECT crm_actor_role()) = 0";

    public static string Enable() => string.Concat(Tables.Select(table => $"""
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

    public static string Disable() => string.Concat(Tables.Select(table => $"""
        DROP POLICY IF EXISTS owner_all ON {table}; DROP POLICY IF EXISTS app_select ON {table};
        DROP POLICY IF EXISTS app_insert ON {table}; DROP POLICY IF EXISTS app_update ON {table};
        DROP POLICY IF EXISTS app_delete ON {table};
        ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY; ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;

        """));
}
