namespace JlnbCrm.Access;

/// <summary>
/// Forced row-level security on the tables <see cref="RowLevelSecurity"/> does not cover — staff, teams,
/// products, roles, the sign-in provider's storage and the migration history — so that no table answers a role
/// without a policy naming it, and the app role's writes there are limited to what its paths do.
/// </summary>
/// <remarks>
/// Which role each path uses (RowSecuritySession): start-up work (migrations, seeding, registering OIDC clients)
/// runs as the owner; everything done for a request runs as the app role — including before anyone is known:
/// password sign-in reads the user by email (hash included) and records failed attempts and lockouts, and the
/// token endpoint reads and writes the OpenIddict tables, all with no user id set.
/// </remarks>
public static class ReferenceTableSecurity
{
    private const string App = RowLevelSecurity.AppRole;
    private const string Role = "(SELECT crm_actor_role())", Me = "(SELECT crm_actor_id())";
    private const string Admin = $"{Role} = 0", SignedIn = $"{Me} IS NOT NULL";

    /// <summary>The OpenID Connect provider's own tables: read and written by it, also before anyone signs in.</summary>
    private static readonly string[] OidcTables =
        ["\"OpenIddictApplications\"", "\"OpenIddictAuthorizations\"", "\"OpenIddictScopes\"", "\"OpenIddictTokens\""];

    /// <summary>Every table covered here, with the app role's policies on it.</summary>
    private static readonly (string Table, string[] Policies)[] Tables =
    [
        // Sign-in must find the user (and hash) by email before anyone is signed in; staff names are shown to all.
        // Writes: admins manage staff; anyone else only sign-in's bookkeeping (failed attempts, lockout), which the
        // sign-in form records whoever is signed in on that browser, for whichever account it was tried on.
        ("users", [
            $"CREATE POLICY app_select ON users FOR SELECT TO {App} USING (true);",
            $"CREATE POLICY app_insert ON users FOR INSERT TO {App} WITH CHECK ({Admin});",
            $"CREATE POLICY app_update ON users FOR UPDATE TO {App} USING (true) WITH CHECK ({Admin} OR {SignInChangesOnly}(users));",
        ]),
        ("teams", ReadBySignedInWrittenByAdmins("teams")),
        ("products", ReadBySignedInWrittenByAdmins("products")),
        // Fixed rows, written by the migrations only.
        ("roles", [$"CREATE POLICY app_select ON roles FOR SELECT TO {App} USING ({SignedIn});"]),
        .. OidcTables.Select(table => (table, new[] { $"CREATE POLICY app_all ON {table} TO {App} USING (true) WITH CHECK (true);" })),
        // The migrating login's alone; the app has no business in it.
        ("__ef_migrations_history", [$"REVOKE ALL ON __ef_migrations_history FROM {App};"]),
    ];

    /// <summary>Nothing is ever deleted from teams and products: they are renamed and retired.</summary>
    private static string[] ReadBySignedInWrittenByAdmins(string table) =>
    [
        $"CREATE POLICY app_select ON {table} FOR SELECT TO {App} USING ({SignedIn});",
        $"CREATE POLICY app_insert ON {table} FOR INSERT TO {App} WITH CHECK ({Admin});",
        $"CREATE POLICY app_update ON {table} FOR UPDATE TO {App} USING ({Admin}) WITH CHECK ({Admin});",
    ];

    private const string SignInChangesOnly = "crm_sign_in_changes_only";

    /// <summary>
    /// Whether an updated user row differs from the stored one only in sign-in bookkeeping. The function reads the
    /// row as the statement found it (a STABLE function sees the statement's snapshot), as its owner.
    /// </summary>
    private const string SignInChangesOnlyFunction = $$"""
        CREATE OR REPLACE FUNCTION {{SignInChangesOnly}}(changed users) RETURNS boolean
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
          AS $$ SELECT to_jsonb(stored) - '{failed_sign_ins,locked_until,version,updated_at}'::text[]
                     = to_jsonb(changed) - '{failed_sign_ins,locked_until,version,updated_at}'::text[]
                FROM users stored WHERE stored.id = changed.id $$;
        REVOKE ALL ON FUNCTION {{SignInChangesOnly}}(users) FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION {{SignInChangesOnly}}(users) TO {{App}};

        """;

    public static string Enable()
    {
        var sql = new System.Text.StringBuilder(SignInChangesOnlyFunction);
        foreach (var (table, policies) in Tables)
        {
            sql.AppendLine($"""
                ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
                ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
                CREATE POLICY owner_all ON {table} TO CURRENT_USER USING (true) WITH CHECK (true);
                """);
            foreach (var policy in policies) sql.AppendLine(policy);
        }
        return sql.ToString();
    }

    public static string Disable()
    {
        var sql = new System.Text.StringBuilder();
        foreach (var (table, _) in Tables)
        {
            foreach (var policy in new[] { "owner_all", "app_all", "app_select", "app_insert", "app_update" })
                sql.AppendLine($"DROP POLICY IF EXISTS {policy} ON {table};");
            sql.AppendLine($"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY; ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;");
        }
        sql.AppendLine($"GRANT SELECT, INSERT, UPDATE, DELETE ON __ef_migrations_history TO {App};");
        sql.AppendLine($"DROP FUNCTION IF EXISTS {SignInChangesOnly}(users);");
        return sql.ToString();
    }
}
