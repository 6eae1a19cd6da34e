using JlnbCrm.Access;

namespace JlnbCrm.Clients;

/// <summary>One client id that <see cref="ClientSearchCandidates"/>' database function found for a search term.</summary>
public sealed class ClientSearchCandidate
{
    public long Id { get; private set; }
}

/// <summary>
/// Searching clients by a fragment with indexes under row-level security (PostgreSQL). <c>ILIKE</c> is not
/// leakproof, so the planner may apply it only after a table's policy chose the rows: every search was a filter over
/// every visible client. Instead a SECURITY DEFINER function finds the candidates through indexes (trigram GIN on
/// the name and on the mobile digits, the PAN index as a range, the unique account id) and keeps only those the
/// caller may see, by the very clients predicate of <see cref="RowLevelSecurity"/> — so it returns nothing the caller
/// cannot read (not even an id). The query then joins those few ids to clients, where row security and the EF filter
/// apply as always, and the search's own condition (on PAN and account id as the caller sees them) decides.
/// Owned by the migrating role, EXECUTE for the app role only, search_path pinned. SQLite keeps its LIKE filter.
/// </summary>
public static class ClientSearchCandidates
{
    public const string Function = "crm_client_search_candidates";
    private const string Signature = $"{Function}(text, text, text, text)";

    /// <remarks>
    /// A name fragment is looked for where the caller's clients are, not across the firm: a common surname matches
    /// thousands of clients of whom a head sees a few percent, and checking each against the predicate cost hundreds of
    /// milliseconds. So the name is matched along the access paths — the own book and the team's by their
    /// (…, name, id) indexes (an index-only scan filters the name), the reached ids by key — and across the firm by the
    /// trigram index only for admins. These arms only choose where to look; the predicate still decides what returns.
    /// PAN, mobile and account id are selective, so they use the firm-wide indexes. The query is EXECUTEd with the
    /// values bound, so it is planned for the actual pattern: a SQL function's generic plan knew no pattern, could use
    /// neither kind of index and read 45,000 pages for one search at a million clients (9 s).
    /// </remarks>
    /// <summary>
    /// The indexes and the function, keeping the clients <paramref name="clientsVisible"/> (a predicate over the table
    /// <c>clients</c>, unaliased: the migration that creates it passes the policy of its time). ROWS 100: a search
    /// finds tens of clients; PostgreSQL's default guess of 1,000 made it scan clients to join them.
    /// </summary>
    public static string Create(string clientsVisible) => $$"""
        CREATE INDEX IF NOT EXISTS ix_clients_name_trgm ON clients USING gin (name gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS ix_clients_mobile_digits_trgm ON clients USING gin ((replace(mobile, ' ', '')) gin_trgm_ops);
        CREATE OR REPLACE FUNCTION {{Function}}(name_pattern text, pan_low text, mobile_pattern text, term text)
          RETURNS TABLE (id bigint) LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100 SET search_path = public, pg_temp
          AS $$ BEGIN
            RETURN QUERY EXECUTE $q$ SELECT clients.id FROM clients WHERE clients.id IN (
                  SELECT f.id FROM clients f WHERE (SELECT crm_actor_role()) = 0 AND f.name ILIKE $1
                  UNION SELECT f.id FROM clients f WHERE f.assigned_rm_id = (SELECT crm_actor_id()) AND f.name ILIKE $1
                  UNION SELECT f.id FROM clients f
                    WHERE (SELECT crm_actor_role()) = 1 AND f.team_id = (SELECT crm_actor_team()) AND f.name ILIKE $1
                  UNION SELECT f.id FROM {{Access.ClientReach.Table}} r JOIN clients f ON f.id = r.client_id
                    WHERE ({{RowLevelSecurity.ReachedByActor("r")}}) AND f.name ILIKE $1
                  UNION SELECT f.id FROM clients f WHERE f.pan >= $2 AND f.pan <= rpad($2, 10, 'Z')
                  UNION SELECT f.id FROM clients f WHERE $3 IS NOT NULL AND replace(f.mobile, ' ', '') LIKE $3
                  UNION SELECT f.id FROM clients f WHERE f.account_id = $4)
                AND ({{clientsVisible}}) $q$ USING name_pattern, pan_low, mobile_pattern, term;
          END $$;
        REVOKE ALL ON FUNCTION {{Signature}} FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION {{Signature}} TO {{RowLevelSecurity.AppRole}};

        """;

    public static string Drop() => $"""
        DROP FUNCTION IF EXISTS {Signature};
        DROP INDEX IF EXISTS ix_clients_mobile_digits_trgm;
        DROP INDEX IF EXISTS ix_clients_name_trgm;

        """;
}
