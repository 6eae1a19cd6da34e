using JlnbCrm.Access;

namespace JlnbCrm.Households;

/// <summary>
/// Row-level security for households (PostgreSQL), the same rule as the EF filter in CrmDbContext.Visibility.cs:
/// a household is visible to whoever sees its head or another member. The EXISTS reads <c>clients</c> under that
/// table's own policy, so the rule is "visible if one of its clients is visible" whatever that policy says (no
/// definer function, nothing to redo when client visibility changes). Writes need the same sight; who may change a
/// household is the domain's rule (<see cref="AccessRules.RequireMayEditClient"/> on the member concerned), and the
/// member rows it updates pass the clients' own update policy.
/// </summary>
public static class HouseholdSecurity
{
    private const string Table = "households";
    private const string Admin = "(SELECT crm_actor_role()) = 0";

    private const string Visible = $"""
        {Admin} OR EXISTS (SELECT FROM clients c WHERE c.id = households.head_client_id)
          OR EXISTS (SELECT FROM clients c WHERE c.household_id = households.id)
        """;

    public static string Enable() => $"""
        GRANT SELECT, INSERT, UPDATE, DELETE ON {Table} TO {RowLevelSecurity.AppRole};
        GRANT USAGE, SELECT ON SEQUENCE {Table}_id_seq TO {RowLevelSecurity.AppRole};
        ALTER TABLE {Table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {Table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY owner_all ON {Table} TO CURRENT_USER USING (true) WITH CHECK (true);
        CREATE POLICY app_select ON {Table} FOR SELECT TO {RowLevelSecurity.AppRole} USING ({Visible});
        CREATE POLICY app_insert ON {Table} FOR INSERT TO {RowLevelSecurity.AppRole} WITH CHECK ({Visible});
        CREATE POLICY app_update ON {Table} FOR UPDATE TO {RowLevelSecurity.AppRole} USING ({Visible}) WITH CHECK ({Visible});
        CREATE POLICY app_delete ON {Table} FOR DELETE TO {RowLevelSecurity.AppRole} USING ({Visible});

        """;

    public static string Disable() => $"""
        DROP POLICY IF EXISTS owner_all ON {Table}; DROP POLICY IF EXISTS app_select ON {Table};
        DROP POLICY IF EXISTS app_insert ON {Table}; DROP POLICY IF EXISTS app_update ON {Table};
        DROP POLICY IF EXISTS app_delete ON {Table};

        """;
}
