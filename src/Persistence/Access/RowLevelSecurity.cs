namespace JlnbCrm.Access;

/// <summary>
/// The visibility rules of docs/access.md again, in PostgreSQL: row-level security enabled and forced on every
/// table with client data. The app runs its users' work as the ordinary role <see cref="AppRole"/> (never the
/// tables' owner, never BYPASSRLS) with the user's id in the session setting <c>app.user_id</c>, so a wrong
/// application filter still cannot leak a row. Start-up work (migrations, seeding) runs as the owner, which a
/// policy of its own lets through. Helper functions are SECURITY DEFINER so that one table's policy can look up
/// client ownership without recursing into another table's policy.
/// </summary>
public static class RowLevelSecurity
{
    public const string AppRole = "jlnb_app";
    public const string UserSetting = "app.user_id";

    // Scalar subqueries: evaluated once per statement (an InitPlan), not once per row (inside the functions too).
    private const string Role = "(SELECT crm_actor_role())", Me = "(SELECT crm_actor_id())";

    /// <summary>
    /// Whose work the actor sees, as one array computed once per statement: everyone for admins, the team for
    /// heads, themselves for juniors, nobody when anonymous. "x = ANY (array)" is an index condition and its
    /// operator is leakproof, so the policies below use indexes instead of calling a function per row.
    /// </summary>
    private const string Seen = "(SELECT crm_visible_user_ids())::bigint[]";

    /// <summary>
    /// The clients whose RM is in the actor's team (heads' and juniors' team-wide work), as "IN (set)": PostgreSQL
    /// hashes the set once, where "= ANY (array parameter)" would compare against every element for every row.
    /// </summary>
    private const string TeamClients = "(SELECT crm_team_clients())";

    /// <summary>Clients the actor reaches only through a service request or query they see (shown masked).</summary>
    private const string Reached = "(SELECT crm_reached_client_ids())::bigint[]";

    /// <summary>A client's own fields are edited by admins, the team's head and its RM, not by whoever can merely see it.</summary>
    private const string ClientEditable = $"assigned_rm_id = ANY ({Seen})";

    private const string Team = "(SELECT crm_actor_team())";

    /// <summary>
    /// "The actor owns it": its RM is the actor, or the actor heads its team. The RM and the team are columns of the
    /// row (clients.team_id; the client's copies on the records about it, kept by ClientOwnership), so this is a plain
    /// indexed comparison with no lookup of other rows — the same clause as the EF filters in CrmDbContext.Visibility.cs.
    /// </summary>
    private static string OwnedBy(string rm, string team) => $"{rm} = {Me} OR ({Role} = 1 AND {team} = {Team})";

    private static readonly string OwnedByClient = OwnedBy("client_rm_id", "client_team_id");

    /// <summary>
    /// What a written row must also satisfy: its stored ownership equals its source (the RM's team; the client's RM and
    /// team), read past row security. A forged copy would otherwise make any client's records the writer's own.
    /// </summary>
    private const string ClientTeamTrue = "team_id IS NOT DISTINCT FROM crm_team_of(assigned_rm_id)";
    private const string ClientCopyTrue =
        "client_rm_id = crm_client_rm(client_id) AND client_team_id IS NOT DISTINCT FROM crm_client_team(client_id)";

    /// <summary>The clients of the actor's own book: their RM is someone whose work the actor sees.</summary>
    private const string BookClients = "(SELECT crm_book_clients())";

    /// <summary>
    /// Service requests (the EF filter in CrmDbContext.Visibility.cs): admins all; anyone what is assigned to people
    /// whose work they see; a desk's head every request of the desk, its executives the unassigned ones (to pick up);
    /// the client's RM and RM head the requests on their book. desk_id is stored on the row, so the desk clauses are
    /// plain comparisons an index serves.
    /// </summary>
    private const string ServiceRequestsVisible = $"""
        {Role} = 0 OR assigned_user_id = ANY ({Seen})
        OR (desk_id = (SELECT crm_actor_team()) AND ({Role} = 1 OR assigned_user_id IS NULL))
        OR client_id IN {BookClients}
        """;

    /// <summary>
    /// The rows of client_reach that stand for work the actor sees (<paramref name="reach"/> names the table or its
    /// alias): their own assigned requests and queries; as a head, their team's (its people's work, and every request
    /// of the desk it is); their desk's unassigned requests. "Whose work they see" (everyone, the team, themselves) is
    /// thus three key lookups of client_reach's primary key. client_reach's select policy, the clients policy and the
    /// client search function use it, and the EF filter on ClientReach (CrmDbContext.Visibility.cs) says the same clause for clause.
    /// </summary>
    internal static string ReachedByActor(string reach) =>
        string.Join("\nOR ", ReachArms.Select(arm => $"({reach}.kind = {(int)arm.Kind} AND {arm.Principal(reach)})"));

    /// <summary>
    /// The same rows of client_reach as <see cref="ReachedByActor"/>, as the client ids of one index-only scan of its
    /// primary key (kind, principal_id, client_id) per kind: the OR form can only be read as a bitmap over the
    /// table's pages (2,200 pages for a head's 2,800 rows at a million clients).
    /// </summary>
    internal static string ReachedClientIds(string reach) => string.Join("\nUNION ALL ", ReachArms.Select(arm =>
        $"SELECT {reach}.client_id FROM {ClientReach.Table} {reach} "
        + $"WHERE {reach}.kind = {(int)arm.Kind} AND {arm.Principal(reach)}"));

    /// <summary>Per kind of reach, which principal's rows are the actor's (both forms above are written from it).</summary>
    private static (ReachKind Kind, Func<string, string> Principal)[] ReachArms =>
    [
        (ReachKind.Assignee, reach => $"{reach}.principal_id = {Me}"),
        (ReachKind.Team, reach => $"{Role} = 1 AND {reach}.principal_id = {Team}"),
        (ReachKind.DeskQueue, reach => $"{reach}.principal_id = {Team}"),
    ];

    /// <summary>
    /// Row predicates per table now (ClientReach migration and later), the same rules as the EF Core query filters:
    /// ownership is compared on the row's own columns, and "clients reached through work" is an indexed probe of the
    /// client in the maintained client_reach table (ClientReachMaintenance), made only for rows the actor does not own.
    /// An array of reached ids per statement (the StoredOwnership form) grew to the whole queue for a desk's head —
    /// 200,000 ids at a million clients, built by every statement and compared element by element per row.
    /// </summary>
    private static (string Table, string Visible, bool JuniorsMayDelete)[] ClientReachRules() =>
    [
        ("clients", $"""
            {Role} = 0 OR {OwnedBy("assigned_rm_id", "team_id")}
            OR EXISTS (SELECT FROM {ClientReach.Table} r WHERE r.client_id = clients.id AND ({ReachedByActor("r")}))
            """, false),
        .. StoredOwnershipRules().Skip(1),
    ];

    /// <summary>
    /// Row predicates per table from StoredOwnership until ClientReach. Never change these: a fresh database replays
    /// them. Ownership is compared on the row's own columns; "clients reached through work" was a set computed once per
    /// statement (index-only scans of the actor's own and desk's requests and queries).
    /// </summary>
    private static (string Table, string Visible, bool JuniorsMayDelete)[] StoredOwnershipRules() =>
    [
        ("clients", $"{Role} = 0 OR {OwnedBy("assigned_rm_id", "team_id")} OR id = ANY ({Reached})", false),
        ("client_products", $"{Role} = 0 OR {OwnedByClient}", true),
        ("leads", $"ref_obtained_by_id = ANY ({Seen}) OR conversion_rm_id = ANY ({Seen})", false),
        ("interactions", $"{Role} = 0 OR user_id = ANY ({Seen}) OR {OwnedByClient}", false),
        ("queries", $"{Role} = 0 OR assigned_rm_id = ANY ({Seen}) OR ({Role} = 1 AND client_team_id = {Team})", false),
        ("service_requests", $"""
            {Role} = 0 OR assigned_user_id = ANY ({Seen})
            OR (desk_id = {Team} AND ({Role} = 1 OR assigned_user_id IS NULL))
            OR {OwnedByClient}
            """, false),
    ];

    /// <summary>Which clients the actor sees, as a predicate over the clients table (also used inside ClientSearchCandidates).</summary>
    internal static string ClientsVisible => ClientReachRules()[0].Visible;

    /// <summary>The clients predicate of the StoredOwnership migration (its search function embeds it).</summary>
    internal static string StoredOwnershipClientsVisible => StoredOwnershipRules()[0].Visible;

    private enum Generation { BeforeDesks, Desks, StoredOwnership, ClientReach }

    private static (string Table, string Visible, bool JuniorsMayDelete)[] Rules(Generation generation) => generation switch
    {
        Generation.ClientReach => ClientReachRules(),
        Generation.StoredOwnership => StoredOwnershipRules(),
        _ => Rules(desks: generation == Generation.Desks),
    };

    /// <summary>Row predicates per table from OperationsDesks until StoredOwnership (and before desks). Never change these.</summary>
    private static (string Table, string Visible, bool JuniorsMayDelete)[] Rules(bool desks) =>
    [
        ("clients", $"assigned_rm_id = ANY ({Seen}) OR id = ANY ({Reached})", false),
        ("client_products", $"crm_client_rm(client_id) = ANY ({Seen})", true),
        ("leads", $"ref_obtained_by_id = ANY ({Seen}) OR conversion_rm_id = ANY ({Seen})", false),
        ("interactions", $"user_id = ANY ({Seen}) OR crm_client_rm(client_id) = ANY ({Seen})", false),
        ("queries", $"assigned_rm_id = ANY ({Seen}) OR ({Role} = 1 AND client_id IN {TeamClients})", false),
        ("service_requests", desks ? ServiceRequestsVisible : BeforeDesks.ServiceRequestsVisible, false),
    ];

    /// <summary>The SECURITY DEFINER helpers the policies call, dependants first (the order they are dropped in).</summary>
    private static readonly string[] Functions =
    [
        ReachedClientIdsFunction, "crm_book_clients()", "crm_team_clients()", "crm_visible_user_ids()", "crm_client_team(bigint)",
        "crm_client_rm(bigint)", "crm_team_of(bigint)", "crm_actor_team()", "crm_actor_role()", "crm_actor_id()",
    ];

    /// <summary>
    /// The app role, created once per cluster and granted to the migrating login (so it may SET ROLE to it).
    /// Roles are cluster-wide: databases migrating at the same moment may all find it missing, and all but one
    /// CREATE then waits for the first one's commit and fails (unique_violation, or duplicate_object once it is
    /// visible) — which only means it exists now. The membership grant races the same way. Advisory locks cannot
    /// serialise this: they are scoped to one database.
    /// </summary>
    private const string CreateAppRole = $$"""
        DO $$ BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{{AppRole}}') THEN
            BEGIN CREATE ROLE {{AppRole}} NOLOGIN NOBYPASSRLS;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another database's migration created it
            END;
          END IF;
          IF NOT pg_has_role(current_user, '{{AppRole}}', 'MEMBER') THEN
            BEGIN GRANT {{AppRole}} TO CURRENT_USER;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- granted by a concurrent migration
            END;
          END IF;
        END $$;

        """;

    /// <summary>
    /// Who reads audit_log: admins all of it; everyone the history of each record they see (an EXISTS over the record's
    /// table, which that table's own policy filters: no definer function needed); and the rows they just wrote
    /// (INSERT … RETURNING needs it). The API and pages show the whole log to admins only. Same rule as the EF filter.
    /// </summary>
    public static readonly string AuditSelectPolicy = $"""
        CREATE POLICY app_select ON audit_log FOR SELECT TO {AppRole} USING ({Role} = 0 OR user_id = {Me}
          OR {Exists(Auditing.AuditedRecords.Clients)} OR {Exists(Auditing.AuditedRecords.Leads)}
          OR {Exists(Auditing.AuditedRecords.Interactions)} OR {Exists(Auditing.AuditedRecords.Queries)}
          OR {Exists(Auditing.AuditedRecords.ServiceRequests)});
        """;

    private static string Exists(string table) =>
        $"(audit_log.entity = '{table}' AND EXISTS (SELECT FROM {table} r WHERE r.id = audit_log.entity_id))";

    /// <summary>
    /// The clients of the work the actor sees beyond their own book: requests and queries assigned to people whose work
    /// they see, and their desk's requests (heads all of them, executives the unassigned ones they may pick up).
    /// Heads' other team-client work needs nothing here: those clients are the team's and already visible.
    /// </summary>
    private const string ReachedClients = """
        CREATE OR REPLACE FUNCTION crm_reached_client_ids() RETURNS bigint[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
          AS $$ SELECT CASE WHEN crm_actor_role() IN (1, 2) THEN (SELECT coalesce(array_agg(DISTINCT client_id), '{}') FROM (
                  SELECT s.client_id FROM service_requests s WHERE s.assigned_user_id = ANY ((SELECT crm_visible_user_ids())::bigint[])
                  UNION ALL SELECT q.client_id FROM queries q WHERE q.assigned_rm_id = ANY ((SELECT crm_visible_user_ids())::bigint[])
                  UNION ALL SELECT s.client_id FROM service_requests s WHERE s.desk_id = (SELECT crm_actor_team())
                    AND ((SELECT crm_actor_role()) = 1 OR s.assigned_user_id IS NULL)) reached)
                ELSE '{}'::bigint[] END $$; -- admins see every client already
        """;

    private const string ReachedClientIdsFunction = "crm_reached_client_ids()";

    /// <summary>
    /// The SearchReachProbes migration drops the reached-ids array function: the StoredOwnership policies read it, and
    /// since ClientReach nothing does (policies, the EF filters and the search read client_reach). Down restores it.
    /// </summary>
    public static string DropReachedClientIds() => $"DROP FUNCTION IF EXISTS {ReachedClientIdsFunction};\n";

    public static string RestoreReachedClientIds() => $"""
        {ReachedClients}
        REVOKE ALL ON FUNCTION {ReachedClientIdsFunction} FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION {ReachedClientIdsFunction} TO {AppRole};

        """;

    /// <summary>The policies and helpers as they are now (the ClientReach migration and later).</summary>
    public static string Enable() => Enable(Generation.ClientReach);

    /// <summary>
    /// What the StoredOwnership migration created, before client_reach existed. Never change these: a fresh database
    /// replays them.
    /// </summary>
    public static string EnableStoredOwnership() => Enable(Generation.StoredOwnership);

    /// <summary>
    /// What the OperationsDesks migration created, before ownership was stored on the rows (it runs before those
    /// columns exist). Never change these: a fresh database replays them.
    /// </summary>
    public static string EnableWithDesks() => Enable(Generation.Desks);

    /// <summary>
    /// What the migrations before OperationsDesks created, when service requests had no desk (they run before the
    /// desk_id column exists). Never change these: a fresh database replays them.
    /// </summary>
    public static string EnableBeforeDesks() => Enable(Generation.BeforeDesks);

    private static class BeforeDesks
    {
        public const string ServiceRequestsVisible = $"""
            {Role} = 0 OR assigned_user_id = ANY ({Seen})
            OR (({Role} = 1 OR assigned_user_id IS NULL) AND client_id IN {TeamClients})
            """;

        public const string ReachedClients = """
            CREATE OR REPLACE FUNCTION crm_reached_client_ids() RETURNS bigint[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
              AS $$ SELECT CASE WHEN crm_actor_role() IN (1, 2) THEN (SELECT coalesce(array_agg(DISTINCT client_id), '{}') FROM (
                      SELECT s.client_id FROM service_requests s WHERE s.assigned_user_id = ANY ((SELECT crm_visible_user_ids())::bigint[])
                      UNION ALL SELECT q.client_id FROM queries q WHERE q.assigned_rm_id = ANY ((SELECT crm_visible_user_ids())::bigint[])
                      UNION ALL SELECT s.client_id FROM service_requests s
                        JOIN clients c ON c.id = s.client_id JOIN users u ON u.id = c.assigned_rm_id
                        WHERE (SELECT crm_actor_role()) = 2 AND s.assigned_user_id IS NULL AND u.team_id = (SELECT crm_actor_team())) reached)
                    ELSE '{}'::bigint[] END $$; -- admins see every client already
            """;
    }

    private static string Enable(Generation generation)
    {
        var desks = generation != Generation.BeforeDesks;
        // Since ClientReach no policy reads crm_reached_client_ids (the SearchReachProbes migration drops it), so the
        // current generation neither recreates nor grants it; the earlier ones replay it as they created it.
        var reached = generation == Generation.ClientReach ? "" : desks ? ReachedClients : BeforeDesks.ReachedClients;
        var sql = new System.Text.StringBuilder(CreateAppRole);
        sql.AppendLine($$"""
            GRANT USAGE ON SCHEMA public TO {{AppRole}};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {{AppRole}};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {{AppRole}};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {{AppRole}};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {{AppRole}};

            CREATE OR REPLACE FUNCTION crm_actor_id() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
              AS $$ SELECT id FROM users WHERE id = NULLIF(current_setting('{{UserSetting}}', true), '')::bigint AND is_active $$;
            CREATE OR REPLACE FUNCTION crm_actor_role() RETURNS integer LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
              AS $$ SELECT role_id FROM users WHERE id = crm_actor_id() AND is_active $$;
            CREATE OR REPLACE FUNCTION crm_actor_team() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
              AS $$ SELECT team_id FROM users WHERE id = crm_actor_id() AND is_active $$;
            CREATE OR REPLACE FUNCTION crm_team_of(user_id bigint) RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
              AS $$ SELECT team_id FROM users WHERE id = user_id $$;
            CREATE OR REPLACE FUNCTION crm_client_rm(client bigint) RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
              AS $$ SELECT assigned_rm_id FROM clients WHERE id = client $$;
            CREATE OR REPLACE FUNCTION crm_client_team(client bigint) RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
              AS $$ SELECT u.team_id FROM clients c JOIN users u ON u.id = c.assigned_rm_id WHERE c.id = client $$;
            CREATE OR REPLACE FUNCTION crm_visible_user_ids() RETURNS bigint[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
              AS $$ SELECT CASE crm_actor_role()
                      WHEN 0 THEN (SELECT coalesce(array_agg(id), '{}') FROM users)
                      WHEN 1 THEN (SELECT coalesce(array_agg(id), '{}') FROM users WHERE team_id = (SELECT crm_actor_team()))
                      WHEN 2 THEN ARRAY[crm_actor_id()]
                      ELSE '{}'::bigint[] END $$;
            CREATE OR REPLACE FUNCTION crm_team_clients() RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
              AS $$ SELECT c.id FROM clients c JOIN users u ON u.id = c.assigned_rm_id WHERE u.team_id = (SELECT crm_actor_team()) $$;
            CREATE OR REPLACE FUNCTION crm_book_clients() RETURNS SETOF bigint LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
              AS $$ SELECT id FROM clients WHERE assigned_rm_id = ANY ((SELECT crm_visible_user_ids())::bigint[]) $$;
            {{reached}}

            """);
        // Only the app role may call the helpers (they read past row security); PUBLIC may by default, and so may
        // whoever a hosting platform's default privileges name (DatabaseGrants revokes those).
        foreach (var function in Functions.Where(f => reached != "" || f != ReachedClientIdsFunction))
            sql.AppendLine($"REVOKE ALL ON FUNCTION {function} FROM PUBLIC; GRANT EXECUTE ON FUNCTION {function} TO {AppRole};");
        foreach (var (table, visible, juniorsMayDelete) in Rules(generation))
        {
            var delete = juniorsMayDelete ? visible : $"({visible}) AND {Role} IN (0, 1)";
            var editable = table == "clients" ? ClientEditable : visible;
            // Since ownership is stored on the rows, a written row must also carry its true owner (UPDATE's USING
            // stays without it, so the domain can repair copies that an RM's team move left behind).
            var ownerTrue = table switch { "clients" => ClientTeamTrue, "leads" => null, _ => ClientCopyTrue };
            var written = generation < Generation.StoredOwnership || ownerTrue is null ? editable : $"({editable}) AND {ownerTrue}";
            sql.AppendLine($"""
                ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
                ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
                CREATE POLICY owner_all ON {table} TO CURRENT_USER USING (true) WITH CHECK (true);
                CREATE POLICY app_select ON {table} FOR SELECT TO {AppRole} USING ({visible});
                CREATE POLICY app_insert ON {table} FOR INSERT TO {AppRole} WITH CHECK ({written});
                CREATE POLICY app_update ON {table} FOR UPDATE TO {AppRole} USING ({editable}) WITH CHECK ({written});
                CREATE POLICY app_delete ON {table} FOR DELETE TO {AppRole} USING ({delete});
                """);
        }
        sql.AppendLine($"""
            ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
            ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
            CREATE POLICY owner_all ON audit_log TO CURRENT_USER USING (true) WITH CHECK (true);
            {AuditSelectPolicy}
            CREATE POLICY app_insert ON audit_log FOR INSERT TO {AppRole} WITH CHECK (user_id IS NOT DISTINCT FROM {Me});
            """);
        return sql.ToString();
    }

    /// <summary>
    /// Drops the policies <see cref="Enable()"/> creates, leaving the helper functions (other tables' policies use
    /// them since the OnlyTheAppRole and SlaClocks migrations), so a later migration can re-run Enable with new rules.
    /// </summary>
    public static string DropPolicies() => string.Concat(Rules(desks: true).Select(r => r.Table).Append("audit_log")
        .SelectMany(table => new[] { "owner_all", "app_select", "app_insert", "app_update", "app_delete" }
            .Select(policy => $"DROP POLICY IF EXISTS {policy} ON {table};\n")));

    public static string Disable()
    {
        var sql = new System.Text.StringBuilder();
        foreach (var table in Rules(desks: true).Select(r => r.Table).Append("audit_log"))
        {
            foreach (var policy in new[] { "owner_all", "app_select", "app_insert", "app_update", "app_delete" })
                sql.AppendLine($"DROP POLICY IF EXISTS {policy} ON {table};");
            sql.AppendLine($"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY; ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;");
        }
        sql.AppendLine($"DROP FUNCTION IF EXISTS {string.Join(", ", Functions)};");
        return sql.ToString();
    }
}
