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
    public static string Enable() => AdminManagedTables.Enable(Tables);

    public static string Disable() => string.Concat(Tables.Select(table => $"""
        DROP POLICY IF EXISTS owner_all ON {table}; DROP POLICY IF EXISTS app_select ON {table};
        DROP POLICY IF EXISTS app_insert ON {table}; DROP POLICY IF EXISTS app_update ON {table};
        DROP POLICY IF EXISTS app_delete ON {table};
        ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY; ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;

        """));
}
