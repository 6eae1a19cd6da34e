using JlnbCrm.Access;

namespace JlnbCrm.Desks;

/// <summary>
/// Row-level security for desk routes (PostgreSQL, in the style of <see cref="RowLevelSecurity"/>): every signed-in
/// user reads them (a request is routed in its raiser's own session), only administrators write them; start-up work
/// as the owner (seeding) passes through its own policy.
/// </summary>
public static class DeskRouteSecurity
{
    private const string Table = "desk_routes";
    private const string SignedIn = "(SELECT crm_actor_id()) IS NOT NULL";
    private const string Admin = "(SELECT crm_actor_role()) = 0";

    public static string Enable() => $"""
        GRANT SELECT, INSERT, UPDATE, DELETE ON {Table} TO {RowLevelSecurity.AppRole};
        GRANT USAGE, SELECT ON SEQUENCE {Table}_id_seq TO {RowLevelSecurity.AppRole};
        ALTER TABLE {Table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {Table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY owner_all ON {Table} TO CURRENT_USER USING (true) WITH CHECK (true);
        CREATE POLICY app_select ON {Table} FOR SELECT TO {RowLevelSecurity.AppRole} USING ({SignedIn});
        CREATE POLICY app_insert ON {Table} FOR INSERT TO {RowLevelSecurity.AppRole} WITH CHECK ({Admin});
        CREATE POLICY app_update ON {Table} FOR UPDATE TO {RowLevelSecurity.AppRole} USING ({Admin}) WITH CHECK ({Admin});
        CREATE POLICY app_delete ON {Table} FOR DELETE TO {RowLevelSecurity.AppRole} USING ({Admin});

        """;

    public static string Disable() => $"""
        DROP POLICY IF EXISTS owner_all ON {Table}; DROP POLICY IF EXISTS app_select ON {Table};
        DROP POLICY IF EXISTS app_insert ON {Table}; DROP POLICY IF EXISTS app_update ON {Table};
        DROP POLICY IF EXISTS app_delete ON {Table};

        """;
}
