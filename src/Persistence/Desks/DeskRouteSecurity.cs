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
    public static string Enable() => AdminManagedTables.Enable(Table);

    public static string Disable() => $"""
        DROP POLICY IF EXISTS owner_all ON {Table}; DROP POLICY IF EXISTS app_select ON {Table};
        DROP POLICY IF EXISTS app_insert ON {Table}; DROP POLICY IF EXISTS app_update ON {Table};
        DROP POLICY IF EXISTS app_delete ON {Table};

        """;
}
