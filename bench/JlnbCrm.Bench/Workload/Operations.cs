using System.Text.Json.Nodes;
using JlnbCrm.Bench.Loading;
using Npgsql;

namespace JlnbCrm.Bench.Workload;

/// <summary>One operation of the workload: its GraphQL request, and (for reads) the hand-written SQL that is its floor.</summary>
public sealed record Operation(string Name, Func<Persona, int, Task> Graph, Func<Persona, NpgsqlConnection, int, Task>? Sql);

/// <summary>The six operations the issue names, as a front end and as a careful SQL author would write them.</summary>
public static class Operations
{
    private static T Pick<T>(T[] items, int i) => items[i % items.Length];

    private const string ClientsPage = """
        query($rm: Long!, $first: Int!) { clients(first: $first, where: { assignedRmId: { eq: $rm } }, order: [{ name: ASC }]) {
          edges { node { databaseId name pan mobile assignedRm { name } } } pageInfo { endCursor hasNextPage } } }
        """;

    public static readonly Operation ClientsByRm = new("a. clients page (50, by RM, by name)",
        (p, i) => p.Session.GraphAsync(ClientsPage, new { rm = Pick(p.Rms, i), first = 50 }),
        (p, c, i) => ReadAllAsync(c, """
            SELECT c.id, c.name, c.pan, c.mobile, u.name FROM clients c JOIN users u ON u.id = c.assigned_rm_id
            WHERE c.assigned_rm_id = $1 ORDER BY c.name, c.id LIMIT 51
            """, Pick(p.Rms, i)));

    private const string Search = "query($s: String!) { clients(first: 20, search: $s) { edges { node { databaseId name pan assignedRm { name } } } } }";

    public static readonly Operation SearchByPan = new("b1. search by PAN prefix",
        (p, i) => p.Session.GraphAsync(Search, new { s = Pick(p.PanPrefixes, i) }),
        (p, c, i) => ReadAllAsync(c, """
            SELECT c.id, c.name, c.pan, u.name FROM clients c JOIN users u ON u.id = c.assigned_rm_id
            WHERE c.pan >= $1 AND c.pan <= rpad($1, 10, 'Z') ORDER BY c.name, c.id LIMIT 21
            """, Pick(p.PanPrefixes, i)));

    public static readonly Operation SearchByName = new("b2. search by name fragment",
        (p, i) => p.Session.GraphAsync(Search, new { s = Pick(p.NameFragments, i) }),
        (p, c, i) => ReadAllAsync(c, """
            SELECT c.id, c.name, c.pan, u.name FROM clients c JOIN users u ON u.id = c.assigned_rm_id
            WHERE c.name ILIKE '%' || $1 || '%' ORDER BY c.name, c.id LIMIT 21
            """, Pick(p.NameFragments, i)));

    private const string Profile = """
        query($id: Long!) { clients(first: 1, where: { databaseId: { eq: $id } }) { edges { node {
          databaseId name pan accountId mobile email address assignedRm { name }
          products { items { subscribedOn product { name category } } }
          interactions(first: 10) { items { type details occurredAt user { name } } } } } } }
        """;

    public static readonly Operation ClientProfile = new("c. client profile (products, last 10 interactions)",
        (p, i) => p.Session.GraphAsync(Profile, new { id = Pick(p.ClientIds, i) }),
        async (p, c, i) =>
        {
            var id = Pick(p.ClientIds, i);
            await ReadAllAsync(c, "SELECT c.*, u.name FROM clients c JOIN users u ON u.id = c.assigned_rm_id WHERE c.id = $1", id);
            await ReadAllAsync(c, "SELECT cp.subscribed_on, pr.name, pr.category FROM client_products cp JOIN products pr ON pr.id = cp.product_id WHERE cp.client_id = $1", id);
            await ReadAllAsync(c, """
                SELECT i.type, i.details, i.occurred_at, u.name FROM interactions i JOIN users u ON u.id = i.user_id
                WHERE i.client_id = $1 ORDER BY i.occurred_at DESC, i.id DESC LIMIT 10
                """, id);
        });

    public static readonly Operation LeadPipeline = new("d. lead pipeline counts by status",
        (p, i) => p.Session.GraphAsync("{ dashboard { leadPipeline { status count } } }"),
        (p, c, i) => ReadAllAsync(c, """
            SELECT l.status, count(*) FROM leads l
            WHERE l.ref_obtained_by_id = ANY($1) OR l.conversion_rm_id = ANY($1) GROUP BY l.status
            """, p.Rms));

    private const string ClientsByName = """
        query($after: String) { clients(first: 20, after: $after, order: [{ name: ASC }]) {
          edges { node { databaseId name pan } } pageInfo { endCursor hasNextPage } } }
        """;

    public static readonly Operation DeepPage = new("e. deep page (keyset, 20 per page)",
        (p, i) => p.Session.GraphAsync(ClientsByName, new { after = p.DeepCursor }),
        null);

    public static readonly Operation FirstPage = new("e0. first page of the same list",
        (p, i) => p.Session.GraphAsync(ClientsByName, new { after = (string?)null }),
        null);

    private const string Convert = """
        mutation($input: ConvertLeadInput!) { convertLead(input: $input) { client { databaseId } errors { code message } } }
        """;

    private static int _pans = 50_000_000;

    public static readonly Operation ConvertLead = new("f1. convertLead",
        async (p, i) =>
        {
            if (!p.OpenLeads.TryDequeue(out var lead)) throw new OutOfInputs();
            // Loaded references are at version 0 and each is converted once.
            var result = await p.Session.GraphAsync(Convert, new { input = new { id = lead, version = 0L, pan = Pans.For(Interlocked.Increment(ref _pans)) } });
            if (result["convertLead"]!["errors"]!.AsArray().Count > 0) throw new InvalidOperationException(result.ToJsonString());
        },
        null);

    private const string Log = """
        mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { databaseId } errors { code message } } }
        """;

    public static readonly Operation LogInteraction = new("f2. logInteraction",
        async (p, i) =>
        {
            var result = await p.Session.GraphAsync(Log, new { input = new { clientId = Pick(p.ClientIds, i), type = "PORTFOLIO_REVIEW", details = "Benchmark review" } });
            if (result["logInteraction"]!["errors"]!.AsArray().Count > 0) throw new InvalidOperationException(result.ToJsonString());
        },
        null);

    public static readonly Operation[] All = [ClientsByRm, SearchByPan, SearchByName, ClientProfile, LeadPipeline, FirstPage, DeepPage, ConvertLead, LogInteraction];

    /// <summary>
    /// Walks the sorted list page by page to the 500th page (or the last there is, or as far as 30 seconds of
    /// walking reach when pages are slow) and keeps the cursor before it; the page reached is reported.
    /// </summary>
    public static async Task FindDeepCursorAsync(Persona p, int page = 500)
    {
        string? after = null;
        var budget = System.Diagnostics.Stopwatch.StartNew();
        for (var n = 1; n < page; n++)
        {
            if (budget.Elapsed > TimeSpan.FromSeconds(30)) { p.DeepPage = n; p.DeepCursor = after; return; }
            var connection = (await p.Session.GraphAsync(ClientsByName, new { after }))["clients"]!;
            if (!connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) { p.DeepPage = n; p.DeepCursor = after; return; }
            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        p.DeepPage = page;
        p.DeepCursor = after;
    }

    private static async Task ReadAllAsync(NpgsqlConnection connection, string sql, object parameter)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }
}

/// <summary>The persona has no more inputs for this operation (e.g. every open reference is converted).</summary>
public sealed class OutOfInputs : Exception;
