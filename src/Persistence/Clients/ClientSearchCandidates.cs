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
    /// The indexes and the function until SearchReachProbes (never change it: the migrations before replay it),
    /// keeping the clients <paramref name="clientsVisible"/> (a predicate over the table <c>clients</c>, unaliased:
    /// the migration that creates it passes the policy of its time). ROWS 100: a search finds tens of clients;
    /// PostgreSQL's default guess of 1,000 made it scan clients to join them.
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

    /// <summary>Above this many reached clients (a desk head's whole queue) the name is matched first instead.</summary>
    private const int MostReachedProbed = 5000;

    /// <summary>
    /// A PAN prefix shorter than this spans a large part of the firm (1/26 of it for one letter, 38,000 clients at a
    /// million): it is then matched along the access paths, not across the firm's PAN index.
    /// </summary>
    private const int FirmWidePanPrefix = 3;

    private const string PanInRange = "f.pan >= $2 AND f.pan <= rpad($2, 10, 'Z')";

    /// <remarks>
    /// What the SearchReachProbes migration changed, from the plans at a million clients (bench/results/explain-*):
    /// <list type="bullet">
    /// <item>Clients reached through work were joined to every client whose name matched across the firm (27,000 heap
    /// rows for "patel", 19,000 pages read, for a junior with 251 reached clients). Now the reached ids are collected
    /// first (index-only scans of client_reach's key, <see cref="RowLevelSecurity.ReachedClientIds"/>) and each is
    /// probed by primary key: the cost follows the few hundred or thousand clients an RM reaches. Only when the actor
    /// reaches more than <see cref="MostReachedProbed"/> (a desk's head) is the name matched first, as before; a
    /// count of at most that many index entries decides. The planner cannot choose by itself: under row security
    /// it may not read the name column's statistics for ILIKE (not leakproof), so it guesses a pattern matches
    /// 0.16% of the firm whatever it is.</item>
    /// <item>A short PAN prefix ("a", "ar") was a range of up to 38,000 clients across the firm, each checked against
    /// the predicate (1.5–2 s). Now it is matched along the same access paths as the name.</item>
    /// <item>The predicate is checked per candidate (a subquery on the primary key), never as a join the planner may
    /// turn into a walk of the whole clients table when it expects many candidates.</item>
    /// </list>
    /// The own book and the team stay on their (…, name, id) b-tree and the name trigram index: the planner combines
    /// them (a BitmapAnd for a head's team, an index-only scan for a book), about 650 pages for a head's "patel".
    /// </remarks>
    /// <summary>The search function as it is now, keeping the clients <see cref="RowLevelSecurity.ClientsVisible"/>.</summary>
    public static string CreateProbingReach() => CreateProbingReach(RowLevelSecurity.ClientsVisible);

    private static string CreateProbingReach(string clientsVisible) => $$"""
        CREATE OR REPLACE FUNCTION {{Function}}(name_pattern text, pan_low text, mobile_pattern text, term text)
          RETURNS TABLE (id bigint) LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100 SET search_path = public, pg_temp
          AS $$ DECLARE
            short_pan boolean := length(pan_low) < {{FirmWidePanPrefix}};
            few_reached boolean := (SELECT count(*) <= {{MostReachedProbed}} FROM (
                {{RowLevelSecurity.ReachedClientIds("r")}} LIMIT {{MostReachedProbed + 1}}) reached);
          BEGIN
            RETURN QUERY EXECUTE $q$ SELECT c.id FROM (
                  SELECT f.id FROM clients f WHERE (SELECT crm_actor_role()) = 0 AND (f.name ILIKE $1 OR ({{PanInRange}}))
                  UNION SELECT f.id FROM clients f WHERE f.assigned_rm_id = (SELECT crm_actor_id())
                    AND (f.name ILIKE $1 OR ($5 AND {{PanInRange}}))
                  UNION SELECT f.id FROM clients f
                    WHERE (SELECT crm_actor_role()) = 1 AND f.team_id = (SELECT crm_actor_team())
                    AND (f.name ILIKE $1 OR ($5 AND {{PanInRange}}))
                  UNION SELECT f.id FROM clients f
                    WHERE $6 AND f.id = ANY (ARRAY({{RowLevelSecurity.ReachedClientIds("r")}}))
                    AND (f.name ILIKE $1 OR ({{PanInRange}}))
                  UNION SELECT f.id FROM {{Access.ClientReach.Table}} r JOIN clients f ON f.id = r.client_id
                    WHERE NOT $6 AND ({{RowLevelSecurity.ReachedByActor("r")}})
                    AND (f.name ILIKE $1 OR ($5 AND {{PanInRange}}))
                  UNION SELECT f.id FROM clients f WHERE NOT $5 AND {{PanInRange}}
                  UNION SELECT f.id FROM clients f WHERE $3 IS NOT NULL AND replace(f.mobile, ' ', '') LIKE $3
                  UNION SELECT f.id FROM clients f WHERE f.account_id = $4) c
                WHERE (SELECT true FROM clients WHERE clients.id = c.id AND ({{clientsVisible}})) $q$
              USING name_pattern, pan_low, mobile_pattern, term, short_pan, few_reached;
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
