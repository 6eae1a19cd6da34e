using System.Linq.Expressions;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Interactions;
using JlnbCrm.Leads;
using JlnbCrm.Products;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>Every filter operation over HTTP, checked against the same condition written by hand in LINQ.</summary>
public abstract class FilteringTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private async Task<int> TotalAsync(string list, string filterType, object where)
    {
        var data = await app.Client().DataAsync($"query($w: {filterType}) {{ {list}(where: $w, first: 1) {{ totalCount }} }}", new { w = where });
        return data[list]!["totalCount"]!.GetValue<int>();
    }

    private Task AssertClients(object where, Expression<Func<Client, bool>> expected) => AssertClients(where, _ => expected);

    /// <summary>The expected condition may use the context's sets (for relations a client has no navigation for).</summary>
    private async Task AssertClients(object where, Func<Database.CrmDbContext, Expression<Func<Client, bool>>> expected)
    {
        await using var db = app.Db.Open();
        var count = await db.Clients.CountAsync(expected(db));
        Assert.True(count > 0, "the case must select something to prove anything");
        Assert.Equal(count, await TotalAsync("clients", "ClientFilterInput", where));
    }

    private async Task AssertLeads(object where, Expression<Func<Lead, bool>> expected)
    {
        await using var db = app.Db.Open();
        var count = await db.Leads.CountAsync(expected);
        Assert.True(count > 0, "the case must select something to prove anything");
        Assert.Equal(count, await TotalAsync("leads", "LeadFilterInput", where));
    }

    [Fact]
    public async Task String_operations() 
    {
        await AssertClients(new { name = new { contains = "SHA" } }, c => c.Name.ToLower().Contains("sha"));
        await AssertClients(new { name = new { startsWith = "a" } }, c => c.Name.ToLower().StartsWith("a"));
        var (first, second) = await TwoNames();
        await AssertClients(new { name = new { eq = first } }, c => c.Name == first);
        await AssertClients(new { name = new { neq = first } }, c => c.Name != first);
        await AssertClients(new { name = new { @in = new[] { first, second } } }, c => c.Name == first || c.Name == second);
        await AssertClients(new { name = new { nin = new[] { first, second } } }, c => c.Name != first && c.Name != second);
    }

    [Fact]
    public async Task Negated_and_suffix_string_operations_include_rows_without_a_value()
    {
        await AssertClients(new { name = new { endsWith = "A" } }, c => c.Name.ToLower().EndsWith("a"));
        await AssertClients(new { name = new { nendsWith = "a" } }, c => !c.Name.ToLower().EndsWith("a"));
        await AssertClients(new { name = new { nstartsWith = "A" } }, c => !c.Name.ToLower().StartsWith("a"));
        await AssertClients(new { name = new { ncontains = "sha" } }, c => !c.Name.ToLower().Contains("sha"));
        await AssertClients(new { accountId = new { ncontains = "12" } }, c => c.AccountId == null || !c.AccountId.Contains("12"));
        await AssertClients(new { accountId = new { nendsWith = "1" } }, c => c.AccountId == null || !c.AccountId.EndsWith("1"));
    }

    /// <summary>
    /// % _ and \ match only themselves (the pattern is escaped on both providers), and matching ignores case.
    /// Each pattern below would match the client if the character were a wildcard or an escape.
    /// </summary>
    [Fact]
    public async Task Like_wildcards_and_the_escape_character_match_only_themselves()
    {
        var tag = $"Lit{Random.Shared.Next(100_000, 999_999)}";
        var name = $"{tag} 50%_off\\x";
        var rm = await app.Client().UserIdAsync("priya.nair@jlnb.in");
        await app.Client().MutateAsync(Operations.Mutation("createClient", "CreateClientInput", "client { databaseId }"), "createClient",
            new { name, pan = $"{tag[3..8].Select(d => (char)('A' + d - '0')).Aggregate("", (a, c) => a + c)}1234Z", assignedRmId = rm });
        foreach (var (op, value, expected) in new (string, string, int)[]
                 {
                     ("contains", name.ToUpperInvariant(), 1), ("contains", "50%_off\\x", 1), ("startsWith", $"{tag} 50%", 1),
                     ("endsWith", "off\\x", 1), ("contains", $"{tag} 5_%", 0), ("contains", $"{tag}%x", 0),
                     ("startsWith", $"{tag} 50_", 0), ("endsWith", "off\\\\x", 0), ("endsWith", "offx", 0),
                     ("endsWith", "_off%x", 0),
                 })
            Assert.True(expected == await TotalAsync("clients", "ClientFilterInput", new Dictionary<string, object>
                { ["name"] = new Dictionary<string, string> { [op] = value } }), $"name {op} '{value}' should match {expected}");
        Assert.Equal(0, await TotalAsync("clients", "ClientFilterInput", new { name = new { contains = tag, ncontains = "%_off" } }));
    }

    [Fact]
    public async Task Like_wildcards_in_the_search_text_are_taken_literally()
    {
        Assert.Equal(0, await TotalAsync("clients", "ClientFilterInput", new { name = new { contains = "%" } }));
        Assert.Equal(0, await TotalAsync("clients", "ClientFilterInput", new { name = new { startsWith = "_" } }));
    }

    [Fact]
    public async Task Number_and_time_comparisons()
    {
        await using var db = app.Db.Open();
        var middle = await db.Clients.OrderBy(c => c.Id).Skip(100).Select(c => new { c.Id, c.CreatedAt }).FirstAsync();
        await AssertClients(new { databaseId = new { gt = middle.Id } }, c => c.Id > middle.Id);
        await AssertClients(new { databaseId = new { gte = middle.Id } }, c => c.Id >= middle.Id);
        await AssertClients(new { databaseId = new { lt = middle.Id } }, c => c.Id < middle.Id);
        await AssertClients(new { databaseId = new { lte = middle.Id, gt = 10 } }, c => c.Id <= middle.Id && c.Id > 10);
        await AssertClients(new { createdAt = new { gte = middle.CreatedAt } }, c => c.CreatedAt >= middle.CreatedAt);
        await AssertClients(new { createdAt = new { lt = middle.CreatedAt.ToString("O") } }, c => c.CreatedAt < middle.CreatedAt);
        var cutoff = new DateOnly(1975, 1, 1);
        await AssertClients(new { dateOfBirth = new { lt = "1975-01-01" } }, c => c.DateOfBirth < cutoff);
    }

    [Fact]
    public async Task Negated_comparisons_are_the_complement_including_rows_without_a_value()
    {
        await using var db = app.Db.Open();
        var middle = await db.Clients.OrderBy(c => c.Id).Skip(100).Select(c => new { c.Id, c.CreatedAt }).FirstAsync();
        await AssertClients(new { databaseId = new { ngt = middle.Id } }, c => c.Id <= middle.Id);
        await AssertClients(new { databaseId = new { ngte = middle.Id } }, c => c.Id < middle.Id);
        await AssertClients(new { databaseId = new { nlt = middle.Id } }, c => c.Id >= middle.Id);
        await AssertClients(new { createdAt = new { nlte = middle.CreatedAt } }, c => c.CreatedAt > middle.CreatedAt);
        var cutoff = new DateOnly(1975, 1, 1);
        await AssertClients(new { dateOfBirth = new { nlt = "1975-01-01" } }, c => c.DateOfBirth == null || c.DateOfBirth >= cutoff);
        await AssertClients(new { dateOfBirth = new { ngte = "1975-01-01" } }, c => c.DateOfBirth == null || c.DateOfBirth < cutoff);
    }

    [Fact]
    public async Task Not_negates_a_clause_and_booleans_take_in_and_nin()
    {
        await AssertLeads(new { not = new { status = new { eq = "NEW" } } }, l => l.Status != LeadStatus.New);
        await AssertLeads(new { not = new { or = new object[] { new { status = new { eq = "NEW" } }, new { modeOfCommunication = new { eq = "CALL" } } } } },
            l => !(l.Status == LeadStatus.New || l.ModeOfCommunication == ModeOfCommunication.Call));
        Assert.Equal(10, await TotalAsync("products", "ProductFilterInput", new { isActive = new { @in = new[] { true } } }));
        Assert.Equal(0, await TotalAsync("products", "ProductFilterInput", new { isActive = new { nin = new[] { true } } }));
    }

    [Fact]
    public async Task Enum_boolean_and_null_operations()
    {
        await AssertLeads(new { status = new { eq = "WIP" } }, l => l.Status == LeadStatus.Wip);
        await AssertLeads(new { status = new { neq = "CONVERTED" } }, l => l.Status != LeadStatus.Converted);
        await AssertLeads(new { status = new { @in = new[] { "NEW", "DENIED" } } }, l => l.Status == LeadStatus.New || l.Status == LeadStatus.Denied);
        await AssertLeads(new { status = new { nin = new[] { "NEW", "DENIED" } } }, l => l.Status != LeadStatus.New && l.Status != LeadStatus.Denied);
        await AssertLeads(new { conversionRmId = new { eq = (long?)null } }, l => l.ConversionRmId == null);
        await AssertLeads(new { conversionRmId = new { neq = (long?)null } }, l => l.ConversionRmId != null);
        await AssertClients(new { accountId = new { eq = (string?)null } }, c => c.AccountId == null);
        Assert.Equal(10, await TotalAsync("products", "ProductFilterInput", new { isActive = new { eq = true } }));
    }

    [Fact]
    public async Task And_or_combine_clauses()
    {
        await AssertLeads(new { or = new object[] { new { status = new { eq = "NEW" } }, new { status = new { eq = "DENIED" } } } },
            l => l.Status == LeadStatus.New || l.Status == LeadStatus.Denied);
        await AssertLeads(new { and = new object[] { new { status = new { eq = "WIP" } }, new { modeOfCommunication = new { eq = "CALL" } } } },
            l => l.Status == LeadStatus.Wip && l.ModeOfCommunication == ModeOfCommunication.Call);
        await AssertLeads(new
        {
            status = new { neq = "CONVERTED" },
            or = new object[] { new { modeOfCommunication = new { eq = "MAIL" } }, new { and = new object[] { new { modeOfCommunication = new { eq = "CALL" } }, new { pan = new { neq = (string?)null } } } } },
        }, l => l.Status != LeadStatus.Converted && (l.ModeOfCommunication == ModeOfCommunication.Mail || (l.ModeOfCommunication == ModeOfCommunication.Call && l.Pan != null)));
    }

    [Fact]
    public async Task Filters_follow_references_to_other_entities()
    {
        await AssertClients(new { assignedRm = new { team = new { name = new { eq = "Mumbai Wealth" } } } }, c => c.AssignedRm!.Team!.Name == "Mumbai Wealth");
        await AssertLeads(new { product = new { category = new { eq = "PMS" } } }, l => l.Product!.Category == ProductCategory.Pms);
        await AssertLeads(new { conversionRm = new { email = new { startsWith = "neha" } } }, l => l.ConversionRm!.Email.StartsWith("neha"));
    }

    [Fact]
    public async Task Filters_over_lists_use_some_none_and_all()
    {
        await AssertClients(new { products = new { some = new { product = new { category = new { eq = "PMS" } } } } },
            c => c.Products.Any(p => p.Product!.Category == ProductCategory.Pms));
        await AssertClients(new { products = new { none = new { product = new { category = new { eq = "MUTUAL_FUND" } } } } },
            c => !c.Products.Any(p => p.Product!.Category == ProductCategory.MutualFund));
        await AssertClients(new { products = new { all = new { product = new { category = new { @in = new[] { "MUTUAL_FUND", "BONDS" } } } } } },
            c => c.Products.All(p => p.Product!.Category == ProductCategory.MutualFund || p.Product!.Category == ProductCategory.Bonds));
        await AssertClients(new { products = new { any = false } }, c => !c.Products.Any());
        await AssertClients(new { products = new { any = true } }, c => c.Products.Any());
    }

    /// <summary>
    /// The issue's example: clients of a team with no Portfolio Review in the last 12 months and an open query.
    /// Two new Mumbai clients with an open query each; only the one without a review is chosen.
    /// </summary>
    [Fact]
    public async Task Clients_filter_by_their_interactions_and_queries()
    {
        var admin = app.Client();
        var (unreviewed, reviewed) = (await NewClientAsync(), await NewClientAsync());
        foreach (var id in new[] { unreviewed, reviewed })
            await admin.MutateAsync(Operations.Mutation("openClientQuery", "OpenClientQueryInput", "clientQuery { databaseId }"),
                "openClientQuery", new { clientId = id, details = "Statement missing." });
        await admin.MutateAsync(Operations.Mutation("logInteraction", "LogInteractionInput", "interaction { databaseId }"),
            "logInteraction", new { clientId = reviewed, type = "PORTFOLIO_REVIEW", details = "Annual review." });
        var since = DateTime.UtcNow.AddMonths(-12);
        object Where(object? ids) => new
        {
            databaseId = ids,
            assignedRm = new { team = new { name = new { eq = "Mumbai Wealth" } } },
            interactions = new { none = new { type = new { eq = "PORTFOLIO_REVIEW" }, occurredAt = new { gte = since } } },
            queries = new { some = new { status = new { eq = "OPEN" } } },
        };
        var chosen = await admin.DataAsync("query($w: ClientFilterInput) { clients(where: $w) { edges { node { databaseId } } } }",
            new { w = Where(new { @in = new[] { unreviewed, reviewed } }) });
        Assert.Equal([unreviewed], chosen["clients"]!["edges"]!.AsArray().Select(e => e!["node"]!.Long("databaseId")));
        await AssertClients(Where(null), db => c => c.AssignedRm!.Team!.Name == "Mumbai Wealth"
            && !db.Set<Interaction>().Any(i => i.ClientId == c.Id && i.Type == InteractionType.PortfolioReview && i.OccurredAt >= since)
            && db.Set<ClientQuery>().Any(q => q.ClientId == c.Id && q.Status == ClientQueryStatus.Open));
    }

    private async Task<long> NewClientAsync()
    {
        var letters = new string(Enumerable.Range(0, 5).Select(_ => (char)('A' + Random.Shared.Next(26))).ToArray());
        var rm = await app.Client().UserIdAsync("priya.nair@jlnb.in");
        var created = await app.Client().MutateAsync(Operations.Mutation("createClient", "CreateClientInput", "client { databaseId }"),
            "createClient", new { name = $"Filter {letters}", pan = $"{letters}{Random.Shared.Next(1000, 9999)}K", assignedRmId = rm,
                mobile = $"98{Random.Shared.Next(10_000_000, 99_999_999)}" });
        return created["client"]!.Long("databaseId");
    }

    [Fact]
    public async Task Every_to_many_relation_filters_its_parent()
    {
        await AssertClients(new { serviceRequests = new { some = new { status = new { neq = "COMPLETED" } } } },
            db => c => db.Set<ServiceRequests.ServiceRequest>().Any(r => r.ClientId == c.Id && r.Status != ServiceRequests.ServiceRequestStatus.Completed));
        await AssertClients(new { interactions = new { any = true }, serviceRequests = new { any = false } },
            db => c => db.Set<Interaction>().Any(i => i.ClientId == c.Id) && !db.Set<ServiceRequests.ServiceRequest>().Any(r => r.ClientId == c.Id));
        // A cross-sell makes the client the giver of a reference.
        var giver = await NewClientAsync();
        await app.Client().MutateAsync(Operations.Mutation("logInteraction", "LogInteractionInput", "interaction { databaseId }"),
            "logInteraction", new { clientId = giver, type = "PORTFOLIO_REVIEW", details = "Review.",
                crossSellProductIds = new[] { await app.Client().ProductIdAsync("Term Life Cover") } });
        await AssertClients(new { references = new { some = new { status = new { eq = "NEW" }, product = new { name = new { eq = "Term Life Cover" } } } } },
            db => c => db.Set<Lead>().Any(l => l.RefGivenByClientId == c.Id && l.Status == LeadStatus.New && l.Product!.Name == "Term Life Cover"));
        await AssertClients(new { queries = new { all = new { status = new { eq = "CLOSED" } } }, interactions = new { any = false } },
            db => c => db.Set<ClientQuery>().All(q => q.ClientId != c.Id || q.Status == ClientQueryStatus.Closed)
                && !db.Set<Interaction>().Any(i => i.ClientId == c.Id));
        // From the other side: teams by their members, users by their clients.
        Assert.Equal(1, await TotalAsync("teams", "TeamFilterInput",
            new { members = new { some = new { email = new { eq = "priya.nair@jlnb.in" } } } }));
        await using var db = app.Db.Open();
        var rmsWithoutClients = await db.Users.CountAsync(u => !db.Clients.Any(c => c.AssignedRmId == u.Id));
        Assert.True(rmsWithoutClients > 0);
        Assert.Equal(rmsWithoutClients, await TotalAsync("users", "UserFilterInput", new { clients = new { any = false } }));
    }

    /// <summary>
    /// A to-many filter runs under the caller's row filters: a junior filtering by queries considers only the
    /// queries they may see, so it never tells them a hidden query exists.
    /// </summary>
    [Fact]
    public async Task Relations_filter_only_by_the_rows_the_caller_may_see()
    {
        var junior = app.ClientAs("vikram.singh@jlnb.in");
        var data = await junior.DataAsync("{ clientQueries(first: 1) { totalCount } }");
        var visibleQueries = data["clientQueries"]!["totalCount"]!.GetValue<int>();
        var withQueries = await junior.DataAsync("query($w: ClientFilterInput) { clients(where: $w) { totalCount } }",
            new { w = new { queries = new { any = true } } });
        var all = await app.Client().DataAsync("query($w: ClientFilterInput) { clients(where: $w) { totalCount } }",
            new { w = new { queries = new { any = true } } });
        var seen = withQueries["clients"]!["totalCount"]!.GetValue<int>();
        Assert.True(seen <= visibleQueries, $"{seen} clients with queries for a junior who sees {visibleQueries} queries");
        Assert.True(seen < all["clients"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Search_matches_name_pan_prefix_mobile_and_account_id()
    {
        await using var db = app.Db.Open();
        var sample = await db.Clients.Where(c => c.AccountId != null).OrderBy(c => c.Id).FirstAsync();
        async Task<long[]> Search(string term) =>
            (await app.Client().DataAsync("query($s: String) { clients(search: $s, first: 100) { edges { node { databaseId } } } }", new { s = term }))
            ["clients"]!["edges"]!.AsArray().Select(e => e!["node"]!["databaseId"]!.GetValue<long>()).ToArray();
        Assert.Contains(sample.Id, await Search(sample.Pan[..6].ToLowerInvariant()));
        Assert.Contains(sample.Id, await Search(sample.Name.Split(' ')[1][..3].ToUpperInvariant()));
        Assert.Contains(sample.Id, await Search(sample.Mobile!.Replace(" ", "")[^7..]));
        Assert.Equal([sample.Id], await Search(sample.AccountId!));
    }

    private async Task<(string, string)> TwoNames()
    {
        await using var db = app.Db.Open();
        var names = await db.Clients.OrderBy(c => c.Id).Select(c => c.Name).Take(2).ToListAsync();
        return (names[0], names[1]);
    }
}

public sealed class PostgresFilteringTests(PostgresGraphApp app) : FilteringTests<PostgresGraphApp>(app);
public sealed class SqliteFilteringTests(SqliteGraphApp app) : FilteringTests<SqliteGraphApp>(app);
