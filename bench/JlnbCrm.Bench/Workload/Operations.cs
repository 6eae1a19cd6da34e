using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JlnbCrm.Bench.Loading;
using JlnbCrm.Domain;
using JlnbCrm.ServiceRequests;
using Npgsql;

namespace JlnbCrm.Bench.Workload;

/// <summary>A request to PostGraphile: the same read in its API (same page size, same sort, same fields).</summary>
public sealed record PgRequest(string Query, object Variables);

/// <summary>One page of a list as any engine returns it: where the next page starts, and its last row.</summary>
public sealed record ListPage(string? EndCursor, bool HasNextPage, JsonNode? Last);

/// <summary>
/// A list walked page by page before the run (to <see cref="Pages"/>, or its end, or as far as 30 s of walking
/// reach), once per engine, so that its deep page can be asked for by cursor; the page reached is reported.
/// </summary>
public sealed record DeepList(string Key, int Pages, Func<Persona, string?, Task<ListPage>> Crm,
    Func<PostGraphileClient, Persona, string?, Task<ListPage>> PostGraphile);

/// <summary>
/// One operation of the workload, for the personas of its <paramref name="Audience"/>: its GraphQL request (at a
/// page size: the operation's own when measured, 10 and 50 when statements are counted), and for reads the
/// hand-written SQL that is its floor and the same read through PostGraphile, where its API can express it.
/// </summary>
public sealed record Operation(string Name, Audience Audience, int PageSize, Func<Persona, int, int, Task> Graph,
    Func<Persona, NpgsqlConnection, int, Task>? Sql = null, Func<Persona, int, string, PgRequest>? PostGraphile = null,
    DeepList? Deep = null, bool Writes = false);

/// <summary>The issue's operations, as a front end, a careful SQL author and a PostGraphile user would write them.</summary>
public static class Operations
{
    private static T Pick<T>(T[] items, int i) => items[i % items.Length];

    /// <summary>A C# enum member as GraphQL.NET names it: InProgress → IN_PROGRESS, Wip → WIP.</summary>
    private static string GraphEnum<T>(T value) where T : struct, Enum =>
        Regex.Replace(value.ToString(), "(?<=[a-z0-9])([A-Z])", "_$1").ToUpperInvariant();

    private const string ClientsPage = """
        query($rm: Long!, $first: Int!) { clients(first: $first, where: { assignedRmId: { eq: $rm } }, order: [{ name: ASC }]) {
          edges { node { databaseId name pan mobile assignedRm { name } } } pageInfo { endCursor hasNextPage } } }
        """;

    public static readonly Operation ClientsByRm = new("a. clients page (50, by RM, by name)", Audience.RelationshipManagers, 50,
        (p, i, size) => p.Session.GraphAsync(ClientsPage, new { rm = Pick(p.Rms, i), first = size }),
        (p, c, i) => ReadAllAsync(c, """
            SELECT c.id, c.name, c.pan, c.mobile, u.name FROM clients c JOIN users u ON u.id = c.assigned_rm_id
            WHERE c.assigned_rm_id = $1 ORDER BY c.name, c.id LIMIT 51
            """, Pick(p.Rms, i)),
        (p, i, _) => new("""
            query($rm: BigInt!) { allClients(first: 50, condition: { assignedRmId: $rm }, orderBy: [NAME_ASC, ID_ASC]) {
              nodes { id name pan mobile userByAssignedRmId { name } } pageInfo { endCursor hasNextPage } } }
            """, new { rm = Pick(p.Rms, i).ToString() }));

    private const string Search = """
        query($s: String!, $first: Int!) { clients(first: $first, search: $s) { edges { node { databaseId name pan assignedRm { name } } } } }
        """;

    public static readonly Operation SearchByPan = new("b1. search by PAN prefix", Audience.RelationshipManagers, 20,
        (p, i, size) => p.Session.GraphAsync(Search, new { s = Pick(p.PanPrefixes, i), first = size }),
        (p, c, i) => ReadAllAsync(c, """
            SELECT c.id, c.name, c.pan, u.name FROM clients c JOIN users u ON u.id = c.assigned_rm_id
            WHERE c.pan >= $1 AND c.pan <= rpad($1, 10, 'Z') ORDER BY c.name, c.id LIMIT 21
            """, Pick(p.PanPrefixes, i)),
        (p, i, _) => new("""
            query($p: String!) { allClients(first: 20, filter: { pan: { startsWith: $p } }, orderBy: [NAME_ASC, ID_ASC]) {
              nodes { id name pan userByAssignedRmId { name } } } }
            """, new { p = Pick(p.PanPrefixes, i) }));

    public static readonly Operation SearchByName = new("b2. search by name fragment", Audience.RelationshipManagers, 20,
        (p, i, size) => p.Session.GraphAsync(Search, new { s = Pick(p.NameFragments, i), first = size }),
        (p, c, i) => ReadAllAsync(c, """
            SELECT c.id, c.name, c.pan, u.name FROM clients c JOIN users u ON u.id = c.assigned_rm_id
            WHERE c.name ILIKE '%' || $1 || '%' ORDER BY c.name, c.id LIMIT 21
            """, Pick(p.NameFragments, i)),
        (p, i, _) => new("""
            query($s: String!) { allClients(first: 20, filter: { name: { includesInsensitive: $s } }, orderBy: [NAME_ASC, ID_ASC]) {
              nodes { id name pan userByAssignedRmId { name } } } }
            """, new { s = Pick(p.NameFragments, i) }));

    private const string Profile = """
        query($id: Long!, $interactions: Int!) { clients(first: 1, where: { databaseId: { eq: $id } }) { edges { node {
          databaseId name pan accountId mobile email address assignedRm { name }
          products { items { subscribedOn product { name category } } }
          interactions(first: $interactions) { items { type details occurredAt user { name } } } } } } }
        """;

    public static readonly Operation ClientProfile = new("c. client profile (products, last 10 interactions)", Audience.RelationshipManagers, 10,
        (p, i, size) => p.Session.GraphAsync(Profile, new { id = Pick(p.ClientIds, i), interactions = size }),
        async (p, c, i) =>
        {
            var id = Pick(p.ClientIds, i);
            await ReadAllAsync(c, "SELECT c.*, u.name FROM clients c JOIN users u ON u.id = c.assigned_rm_id WHERE c.id = $1", id);
            await ReadAllAsync(c, "SELECT cp.subscribed_on, pr.name, pr.category FROM client_products cp JOIN products pr ON pr.id = cp.product_id WHERE cp.client_id = $1", id);
            await ReadAllAsync(c, """
                SELECT i.type, i.details, i.occurred_at, u.name FROM interactions i JOIN users u ON u.id = i.user_id
                WHERE i.client_id = $1 ORDER BY i.occurred_at DESC, i.id DESC LIMIT 10
                """, id);
        },
        (p, i, _) => new("""
            query($id: BigInt!) { clientById(id: $id) { id name pan accountId mobile email address userByAssignedRmId { name }
              clientProductsByClientId { nodes { subscribedOn productByProductId { name category } } }
              interactionsByClientId(first: 10, orderBy: [OCCURRED_AT_DESC, ID_DESC]) { nodes { type details occurredAt userByUserId { name } } } } }
            """, new { id = Pick(p.ClientIds, i).ToString() }));

    /// <summary>PostGraphile has no GROUP BY without another plugin: one count per status, in one request.</summary>
    private static readonly string PipelineCounts = "{ " + string.Join(" ", Enum.GetValues<Leads.LeadStatus>().Select(s =>
        $"{GraphEnum(s).ToLowerInvariant()}: allLeads(filter: {{ status: {{ equalTo: \"{EnumText<Leads.LeadStatus>.ToText(s)}\" }} }}) {{ totalCount }}")) + " }";

    public static readonly Operation LeadPipeline = new("d. lead pipeline counts by status", Audience.RelationshipManagers, 0,
        (p, i, _) => p.Session.GraphAsync("{ dashboard { leadPipeline { status count } } }"),
        (p, c, i) => ReadAllAsync(c, """
            SELECT l.status, count(*) FROM leads l
            WHERE l.ref_obtained_by_id = ANY($1) OR l.conversion_rm_id = ANY($1) GROUP BY l.status
            """, p.Rms),
        (_, _, _) => new(PipelineCounts, new { }));

    private const string ClientsByName = """
        query($first: Int!, $after: String) { clients(first: $first, after: $after, order: [{ name: ASC }]) {
          edges { node { databaseId name pan } } pageInfo { endCursor hasNextPage } } }
        """;

    private const string PgClientsByName = """
        query($after: Cursor) { allClients(first: 20, after: $after, orderBy: [NAME_ASC, ID_ASC]) {
          nodes { id name pan } pageInfo { endCursor hasNextPage } } }
        """;

    private static readonly DeepList ClientsByNameWalk = new("clients-by-name", 500,
        async (p, after) => CrmPage((await p.Session.GraphAsync(ClientsByName, new { first = 20, after }))["clients"]!),
        async (pg, p, after) => PgPage((await pg.QueryAsync(p, new(PgClientsByName, new { after })))["allClients"]!));

    public static readonly Operation FirstPage = new("e0. first page of all clients (20, by name)", Audience.RelationshipManagers, 20,
        (p, i, size) => p.Session.GraphAsync(ClientsByName, new { first = size, after = (string?)null }),
        (p, c, i) => ReadAllAsync(c, "SELECT c.id, c.name, c.pan FROM clients c ORDER BY c.name, c.id LIMIT 21"),
        (p, i, _) => new(PgClientsByName, new { after = (string?)null }));

    public static readonly Operation DeepPage = new("e. deep page of the same list (keyset, page 500)", Audience.RelationshipManagers, 20,
        (p, i, size) => p.Session.GraphAsync(ClientsByName, new { first = size, after = p.Deep[$"{ClientsByNameWalk.Key}/GraphQL"].Cursor }),
        (p, c, i) =>
        {
            var last = p.Deep[$"{ClientsByNameWalk.Key}/GraphQL"].Last;
            return last is null
                ? ReadAllAsync(c, "SELECT c.id, c.name, c.pan FROM clients c ORDER BY c.name, c.id LIMIT 21")
                : ReadAllAsync(c, "SELECT c.id, c.name, c.pan FROM clients c WHERE (c.name, c.id) > ($1, $2) ORDER BY c.name, c.id LIMIT 21",
                    last["name"]!.GetValue<string>(), last["databaseId"]!.GetValue<long>());
        },
        (p, i, engine) => new(PgClientsByName, new { after = p.Deep[$"{ClientsByNameWalk.Key}/{engine}"].Cursor }),
        ClientsByNameWalk);

    // The service-request queue of a desk: open requests, most urgent (or oldest) first, as the desk works it.
    private static readonly string[] OpenStatuses = [GraphEnum(ServiceRequestStatus.Pending), GraphEnum(ServiceRequestStatus.InProgress)];
    private static readonly string[] OpenStatusTexts =
        [EnumText<ServiceRequestStatus>.ToText(ServiceRequestStatus.Pending), EnumText<ServiceRequestStatus>.ToText(ServiceRequestStatus.InProgress)];

    private static string DeskQueue(string order) => $$"""
        query($desk: Long!, $open: [ServiceRequestStatus!]!, $first: Int!, $after: String) {
          serviceRequests(first: $first, after: $after, where: { deskId: { eq: $desk }, status: { in: $open } }, order: [{ {{order}}: ASC }]) {
            edges { node { databaseId type status dueAt createdAt client { name } assignedUser { name } } } pageInfo { endCursor hasNextPage } } }
        """;

    private static string PgDeskQueue(string order) => $$"""
        query($desk: BigInt!, $open: [String!]!, $after: Cursor) {
          allServiceRequests(first: 20, after: $after, filter: { deskId: { equalTo: $desk }, status: { in: $open } }, orderBy: [{{order}}_ASC, ID_ASC]) {
            nodes { id type status dueAt createdAt clientByClientId { name } userByAssignedUserId { name } } pageInfo { endCursor hasNextPage } } }
        """;

    private static string SqlDeskQueue(string order, bool after) => $"""
        SELECT r.id, r.type, r.status, r.due_at, r.created_at, c.name, u.name
        FROM service_requests r JOIN clients c ON c.id = r.client_id LEFT JOIN users u ON u.id = r.assigned_user_id
        WHERE r.desk_id = $1 AND r.status = ANY($2) {(after ? $"AND (r.{order}, r.id) > ($3, $4)" : "")} ORDER BY r.{order}, r.id LIMIT 21
        """;

    private static readonly DeepList DeskQueueWalk = new("desk-queue", 200,
        async (p, after) => CrmPage((await p.Session.GraphAsync(DeskQueue("dueAt"), new { desk = p.DeskId, open = OpenStatuses, first = 20, after }))["serviceRequests"]!),
        async (pg, p, after) => PgPage((await pg.QueryAsync(p, new(PgDeskQueue("DUE_AT"), new { desk = p.DeskId.ToString(), open = OpenStatusTexts, after })))["allServiceRequests"]!));

    public static readonly Operation DeskQueueFirst = new("g0. desk queue first page (20, by due time)", Audience.Desk, 20,
        (p, i, size) => p.Session.GraphAsync(DeskQueue("dueAt"), new { desk = p.DeskId, open = OpenStatuses, first = size, after = (string?)null }),
        (p, c, i) => ReadAllAsync(c, SqlDeskQueue("due_at", after: false), p.DeskId, OpenStatusTexts),
        (p, i, _) => new(PgDeskQueue("DUE_AT"), new { desk = p.DeskId.ToString(), open = OpenStatusTexts, after = (string?)null }));

    public static readonly Operation DeskQueueDeep = new("g. desk queue deep page (keyset, page 200, by due time)", Audience.Desk, 20,
        (p, i, size) => p.Session.GraphAsync(DeskQueue("dueAt"), new { desk = p.DeskId, open = OpenStatuses, first = size, after = p.Deep[$"{DeskQueueWalk.Key}/GraphQL"].Cursor }),
        (p, c, i) =>
        {
            var last = p.Deep[$"{DeskQueueWalk.Key}/GraphQL"].Last;
            return last is null
                ? ReadAllAsync(c, SqlDeskQueue("due_at", after: false), p.DeskId, OpenStatusTexts)
                : ReadAllAsync(c, SqlDeskQueue("due_at", after: true), p.DeskId, OpenStatusTexts,
                    last["dueAt"]!.GetValue<DateTime>().ToUniversalTime(), last["databaseId"]!.GetValue<long>());
        },
        (p, i, engine) => new(PgDeskQueue("DUE_AT"), new { desk = p.DeskId.ToString(), open = OpenStatusTexts, after = p.Deep[$"{DeskQueueWalk.Key}/{engine}"].Cursor }),
        DeskQueueWalk);

    public static readonly Operation DeskQueueOldest = new("g1. desk queue first page (20, oldest first)", Audience.Desk, 20,
        (p, i, size) => p.Session.GraphAsync(DeskQueue("createdAt"), new { desk = p.DeskId, open = OpenStatuses, first = size, after = (string?)null }),
        (p, c, i) => ReadAllAsync(c, SqlDeskQueue("created_at", after: false), p.DeskId, OpenStatusTexts),
        (p, i, _) => new(PgDeskQueue("CREATED_AT"), new { desk = p.DeskId.ToString(), open = OpenStatusTexts, after = (string?)null }));

    // The reference list filtered through a to-one relation (the product's category) and by status, newest first.
    private const string References = """
        query($category: ProductCategory!, $status: LeadStatus!, $first: Int!) {
          leads(first: $first, where: { status: { eq: $status }, product: { category: { eq: $category } } }, order: [{ createdAt: DESC }]) {
            edges { node { databaseId prospectName status createdAt product { name category } refObtainedBy { name } } } pageInfo { endCursor hasNextPage } } }
        """;

    public static readonly Operation ReferencesByCategory = new("h. references by product category and status (20, newest)", Audience.RelationshipManagers, 20,
        (p, i, size) =>
        {
            var (category, status) = Pick(p.LeadFilters, i);
            return p.Session.GraphAsync(References, new { category = GraphEnum(category), status = GraphEnum(status), first = size });
        },
        (p, c, i) =>
        {
            var (category, status) = Pick(p.LeadFilters, i);
            return ReadAllAsync(c, """
                SELECT l.id, l.prospect_name, l.status, l.created_at, pr.name, pr.category, u.name
                FROM leads l JOIN products pr ON pr.id = l.product_id JOIN users u ON u.id = l.ref_obtained_by_id
                WHERE l.status = $1 AND pr.category = $2 ORDER BY l.created_at DESC, l.id DESC LIMIT 21
                """, EnumText<Leads.LeadStatus>.ToText(status), EnumText<Products.ProductCategory>.ToText(category));
        },
        (p, i, _) =>
        {
            var (category, status) = Pick(p.LeadFilters, i);
            return new("""
                query($category: String!, $status: String!) {
                  allLeads(first: 20, filter: { status: { equalTo: $status }, productByProductId: { category: { equalTo: $category } } }, orderBy: [CREATED_AT_DESC, ID_DESC]) {
                    nodes { id prospectName status createdAt productByProductId { name category } userByRefObtainedById { name } } pageInfo { endCursor hasNextPage } } }
                """, new { category = EnumText<Products.ProductCategory>.ToText(category), status = EnumText<Leads.LeadStatus>.ToText(status) });
        });

    private const string Convert = """
        mutation($input: ConvertLeadInput!) { convertLead(input: $input) { client { databaseId } errors { code message } } }
        """;

    private static int _pans = 50_000_000;

    public static readonly Operation ConvertLead = new("f1. convertLead", Audience.RelationshipManagers, 0,
        async (p, i, _) =>
        {
            if (!p.OpenLeads.TryDequeue(out var lead)) throw new OutOfInputs();
            // Loaded references are at version 0 and each is converted once.
            var result = await p.Session.GraphAsync(Convert, new { input = new { id = lead, version = 0L, pan = Pans.For(Interlocked.Increment(ref _pans)) } });
            if (result["convertLead"]!["errors"]!.AsArray().Count > 0) throw new InvalidOperationException(result.ToJsonString());
        },
        Writes: true);

    private const string Log = """
        mutation($input: LogInteractionInput!) { logInteraction(input: $input) { interaction { databaseId } errors { code message } } }
        """;

    public static readonly Operation LogInteraction = new("f2. logInteraction", Audience.RelationshipManagers, 0,
        async (p, i, _) =>
        {
            var result = await p.Session.GraphAsync(Log, new { input = new { clientId = Pick(p.ClientIds, i), type = "PORTFOLIO_REVIEW", details = "Benchmark review" } });
            if (result["logInteraction"]!["errors"]!.AsArray().Count > 0) throw new InvalidOperationException(result.ToJsonString());
        },
        Writes: true);

    public static readonly Operation[] All =
    [
        ClientsByRm, SearchByPan, SearchByName, ClientProfile, LeadPipeline, FirstPage, DeepPage, ReferencesByCategory,
        DeskQueueFirst, DeskQueueDeep, DeskQueueOldest, ConvertLead, LogInteraction,
    ];

    /// <summary>Walks a list to its deep page; a list shorter than that ends at its last page.</summary>
    public static async Task<DeepPoint> WalkAsync(Func<string?, Task<ListPage>> page, int pages)
    {
        string? after = null;
        JsonNode? last = null;
        var budget = System.Diagnostics.Stopwatch.StartNew();
        for (var n = 1; n < pages; n++)
        {
            if (budget.Elapsed > TimeSpan.FromSeconds(30)) return new(after, n, last);
            var next = await page(after);
            if (!next.HasNextPage) return new(after, n, last);
            (after, last) = (next.EndCursor, next.Last);
        }
        return new(after, pages, last);
    }

    private static ListPage CrmPage(JsonNode connection) => new(connection["pageInfo"]!["endCursor"]?.GetValue<string>(),
        connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>(), connection["edges"]!.AsArray().LastOrDefault()?["node"]?.DeepClone());

    private static ListPage PgPage(JsonNode connection) => new(connection["pageInfo"]!["endCursor"]?.GetValue<string>(),
        connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>(), connection["nodes"]!.AsArray().LastOrDefault()?.DeepClone());

    private static async Task ReadAllAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }
}

/// <summary>The persona has no more inputs for this operation (e.g. every open reference is converted).</summary>
public sealed class OutOfInputs : Exception;
