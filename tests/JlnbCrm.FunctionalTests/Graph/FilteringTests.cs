using System.Linq.Expressions;
using JlnbCrm.Clients;
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

    private async Task AssertClients(object where, Expression<Func<Client, bool>> expected)
    {
        await using var db = app.Db.Open();
        var count = await db.Clients.CountAsync(expected);
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
