namespace JlnbCrm.Access;

/// <summary>
/// The hand-written SQL that keeps <see cref="ClientReach"/> exact, generated for both providers from one list of what
/// puts a client in reach (<see cref="Sources"/>): the rows of requests and queries count up when written and down
/// when changed away or deleted, in the same statement (row triggers), so no code path — EF saves, bulk updates, a
/// future raw statement — can leave it behind. The same list gives the recomputation from scratch (the migrations'
/// backfill, the benchmark's loader, and the tests that check the triggers against it).
/// </summary>
public static class ClientReachMaintenance
{
    /// <summary>One way a row of <see cref="Table"/> puts its client in reach of a principal, when <see cref="When"/> holds.</summary>
    private sealed record Source(string Table, ReachKind Kind, string Principal, string When);

    /// <summary>
    /// docs/access.md's "clients of the work they see", by whose work it is: the assignee of a request or query, and
    /// the assignee's team (its head sees its people's work); the desk of a request (its head); the desk's queue of
    /// unassigned requests (its executives). The client's own RM and team need nothing here: they own the client.
    /// Every Assignee source has its Team-of-the-assignee twin (<see cref="UserMoves"/> relies on it).
    /// </summary>
    private static readonly Source[] Sources =
    [
        new("service_requests", ReachKind.Assignee, "{0}assigned_user_id", "{0}assigned_user_id IS NOT NULL"),
        new("service_requests", ReachKind.Team, TeamOf("{0}assigned_user_id"), $"{TeamOf("{0}assigned_user_id")} IS NOT NULL"),
        new("service_requests", ReachKind.Team, "{0}desk_id", "{0}desk_id IS NOT NULL"),
        new("service_requests", ReachKind.DeskQueue, "{0}desk_id", "{0}desk_id IS NOT NULL AND {0}assigned_user_id IS NULL"),
        new("queries", ReachKind.Assignee, "{0}assigned_rm_id", "{0}assigned_rm_id IS NOT NULL"),
        new("queries", ReachKind.Team, TeamOf("{0}assigned_rm_id"), $"{TeamOf("{0}assigned_rm_id")} IS NOT NULL"),
    ];

    private static string TeamOf(string user) => $"(SELECT team_id FROM users WHERE id = {user})";

    private const string T = ClientReach.Table, Key = "kind, principal_id, client_id";

    private static IEnumerable<string> Tables => Sources.Select(s => s.Table).Distinct();

    /// <summary>The columns whose change can move a row's reach (its client, and what the sources read).</summary>
    private static string[] Columns(string table) => Sources.Where(s => s.Table == table)
        .SelectMany(s => ColumnsIn(s.Principal + " " + s.When)).Prepend("client_id").Distinct().ToArray();

    private static IEnumerable<string> ColumnsIn(string sql) =>
        System.Text.RegularExpressions.Regex.Matches(sql, @"\{0\}(\w+)").Select(m => m.Groups[1].Value);

    /// <summary>Every reach row as it should be, from the requests and queries (runs on PostgreSQL and SQLite alike).</summary>
    public static string Recompute => $"""
        SELECT kind, principal_id, client_id, CAST(count(*) AS integer) AS works FROM (
          {string.Join("\n  UNION ALL ", Sources.Select(s =>
              $"SELECT {(int)s.Kind} AS kind, {Row(s.Principal, "")} AS principal_id, client_id FROM {s.Table} WHERE {Row(s.When, "")}"))}
        ) work GROUP BY {Key}
        """;

    /// <summary>Empties the table and fills it from scratch (the backfill; the benchmark after its COPY).</summary>
    public static string Rebuild => $"DELETE FROM {T};\nINSERT INTO {T} ({Key}, works)\n{Recompute};\n";

    /// <summary>The statements that count a row's reach in (row = "NEW.") or out (row = "OLD."), valid in both dialects.</summary>
    private static IEnumerable<string> CountIn(string table, string row) => Sources.Where(s => s.Table == table).Select(s => $"""
        INSERT INTO {T} ({Key}, works) SELECT {(int)s.Kind}, {Row(s.Principal, row)}, {row}client_id, 1 WHERE {Row(s.When, row)}
          ON CONFLICT ({Key}) DO UPDATE SET works = {T}.works + 1;
        """);

    private static IEnumerable<string> CountOut(string table, string row) => Sources.Where(s => s.Table == table).Select(s =>
    {
        var match = $"kind = {(int)s.Kind} AND principal_id = {Row(s.Principal, row)} AND client_id = {row}client_id AND {Row(s.When, row)}";
        // The last work going takes the row; otherwise one fewer (a concurrent writer waits on the row's lock).
        return $"""
            DELETE FROM {T} WHERE {match} AND works = 1;
            UPDATE {T} SET works = works - 1 WHERE {match};
            """;
    });

    /// <summary>A source's expression read from the row (<c>NEW.</c>/<c>OLD.</c> in a trigger, nothing in a recomputation).</summary>
    private static string Row(string expression, string row) => expression.Replace("{0}", row);

    /// <summary>
    /// A person moving team takes the Team reach of their assigned work along: their Assignee rows are exactly that work,
    /// so the old team's rows lose those counts and the new team's gain them (a trigger on users' team_id).
    /// </summary>
    private static readonly string[] UserMoves =
    [
        $"""
        INSERT INTO {T} ({Key}, works)
          SELECT {(int)ReachKind.Team}, NEW.team_id, a.client_id, a.works FROM {T} a
          WHERE a.kind = {(int)ReachKind.Assignee} AND a.principal_id = NEW.id AND NEW.team_id IS NOT NULL
            AND (OLD.team_id IS NULL OR OLD.team_id <> NEW.team_id)
          ON CONFLICT ({Key}) DO UPDATE SET works = {T}.works + excluded.works;
        """,
        $"""
        UPDATE {T} SET works = works - (SELECT a.works FROM {T} a
            WHERE a.kind = {(int)ReachKind.Assignee} AND a.principal_id = OLD.id AND a.client_id = {T}.client_id)
          WHERE kind = {(int)ReachKind.Team} AND principal_id = OLD.team_id AND (NEW.team_id IS NULL OR OLD.team_id <> NEW.team_id)
            AND client_id IN (SELECT a.client_id FROM {T} a WHERE a.kind = {(int)ReachKind.Assignee} AND a.principal_id = OLD.id);
        """,
        $"DELETE FROM {T} WHERE kind = {(int)ReachKind.Team} AND principal_id = OLD.team_id AND works <= 0;",
    ];

    private static string Function(string table) => $"crm_client_reach_of_{table}";

    /// <summary>
    /// PostgreSQL: the table under forced row security (a user reads only the rows of their own reach, by the same
    /// predicate the clients policy uses; nobody but the owner writes), one SECURITY DEFINER trigger function per
    /// source table, and the backfill.
    /// </summary>
    public static string PostgresUp()
    {
        var sql = new System.Text.StringBuilder($"""
            ALTER TABLE {T} ENABLE ROW LEVEL SECURITY;
            ALTER TABLE {T} FORCE ROW LEVEL SECURITY;
            CREATE POLICY owner_all ON {T} TO CURRENT_USER USING (true) WITH CHECK (true);
            CREATE POLICY app_select ON {T} FOR SELECT TO {RowLevelSecurity.AppRole} USING ({RowLevelSecurity.ReachedByActor(T)});
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {T} FROM {RowLevelSecurity.AppRole};

            """);
        foreach (var table in Tables)
        {
            // Increments first: an update that leaves a row's reach as it was counts +1 then -1 and never drops the row.
            sql.AppendLine($"""
                CREATE OR REPLACE FUNCTION {Function(table)}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
                  AS $$ BEGIN
                  IF TG_OP <> 'DELETE' THEN
                    {string.Join("\n    ", CountIn(table, "NEW."))}
                  END IF;
                  IF TG_OP <> 'INSERT' THEN
                    {string.Join("\n    ", CountOut(table, "OLD."))}
                  END IF;
                  RETURN NULL;
                  END $$;
                REVOKE ALL ON FUNCTION {Function(table)}() FROM PUBLIC;
                CREATE TRIGGER client_reach AFTER INSERT OR DELETE OR UPDATE OF {string.Join(", ", Columns(table))} ON {table}
                  FOR EACH ROW EXECUTE FUNCTION {Function(table)}();
                """);
        }
        sql.AppendLine($"""
            CREATE OR REPLACE FUNCTION {Function("users")}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
              AS $$ BEGIN
              {string.Join("\n  ", UserMoves)}
              RETURN NULL;
              END $$;
            REVOKE ALL ON FUNCTION {Function("users")}() FROM PUBLIC;
            CREATE TRIGGER client_reach AFTER UPDATE OF team_id ON users FOR EACH ROW EXECUTE FUNCTION {Function("users")}();
            """);
        return sql.Append(Rebuild).ToString();
    }

    public static string PostgresDown() => string.Concat(Tables.Append("users").Select(table => $"""
        DROP TRIGGER IF EXISTS client_reach ON {table};
        DROP FUNCTION IF EXISTS {Function(table)}();

        """));

    /// <summary>SQLite: the same statements as one trigger per event (it has no IF), then the backfill.</summary>
    public static string SqliteUp()
    {
        var sql = new System.Text.StringBuilder();
        foreach (var table in Tables)
        {
            sql.AppendLine(Trigger(table, "insert", "INSERT", CountIn(table, "NEW.")));
            sql.AppendLine(Trigger(table, "delete", "DELETE", CountOut(table, "OLD.")));
            sql.AppendLine(Trigger(table, "update", $"UPDATE OF {string.Join(", ", Columns(table))}",
                CountIn(table, "NEW.").Concat(CountOut(table, "OLD."))));
        }
        sql.AppendLine(Trigger("users", "update", "UPDATE OF team_id", UserMoves));
        return sql.Append(Rebuild).ToString();
    }

    private static string Trigger(string table, string name, string @event, IEnumerable<string> body) => $"""
        CREATE TRIGGER client_reach_{table}_{name} AFTER {@event} ON {table} BEGIN
        {string.Join("\n", body)}
        END;
        """;

    public static string SqliteDown() => string.Concat(Tables.SelectMany(table => new[] { "insert", "delete", "update" }
        .Select(name => $"DROP TRIGGER IF EXISTS client_reach_{table}_{name};\n"))) + "DROP TRIGGER IF EXISTS client_reach_users_update;\n";

    /// <summary>
    /// For a bulk load that writes requests and queries with their triggers off (the benchmark's COPY): the tables whose
    /// trigger to disable before and enable after, then <see cref="Rebuild"/>.
    /// </summary>
    public static IEnumerable<string> PostgresTriggerTables => Tables.Append("users");

    /// <summary>The name of the trigger on each of <see cref="PostgresTriggerTables"/>.</summary>
    public const string PostgresTrigger = "client_reach";
}
