using System.Collections.Concurrent;
using System.Linq.Expressions;
using JlnbCrm.FunctionalTests.Databases;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>Every LINQ query EF Core compiles (a miss in its query cache), printed, in the order compiled.</summary>
public sealed class QueryCompilations : IQueryExpressionInterceptor
{
    private readonly ConcurrentQueue<string> _compiled = new();

    public IReadOnlyList<string> Compiled => [.. _compiled];

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        _compiled.Enqueue(ExpressionPrinter.Print(queryExpression));
        return queryExpression;
    }
}

public interface IQueryCompilationApp : IGraphApp
{
    QueryCompilations Compilations { get; }
}

public abstract class QueryCompilationApp<TDatabase> : GraphApp<TDatabase>, IQueryCompilationApp where TDatabase : TestDatabase, new()
{
    public QueryCompilations Compilations { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IInterceptor>(Compilations);
}

public sealed class PostgresQueryCompilationApp : QueryCompilationApp<PostgresDatabase>;
public sealed class SqliteQueryCompilationApp : QueryCompilationApp<SqliteDatabase>;

/// <summary>
/// A read asked again with other values must reuse the query EF Core compiled the first time: compiling a LINQ query
/// costs far more CPU than running it on a warm connection (a name search recompiled on every request spent
/// 50–100 ms in the compiler). A query built with this request's objects as constants (its DbContext, a list) looks
/// new to the cache every time; this catches it as the same query compiled twice.
/// </summary>
public abstract class QueryCompilationTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IQueryCompilationApp
{
    private const string Search = """
        query($s: String!) { clients(first: 20, search: $s) { edges { node { databaseId name pan assignedRm { name } } } } }
        """;

    private const string ClientsPage = """
        query($rm: Long!) { clients(first: 50, where: { assignedRmId: { eq: $rm } }, order: [{ name: ASC }]) {
          edges { node { databaseId name pan mobile assignedRm { name } } } pageInfo { endCursor hasNextPage } } }
        """;

    [Theory]
    [InlineData("priya.nair@jlnb.in")] // a junior RM: own book and clients reached through work
    [InlineData("rohan.mehta@jlnb.in")] // an RM head: the team's book
    public async Task A_search_or_a_page_asked_again_with_other_values_compiles_no_query_again(string email)
    {
        var client = app.ClientAs(email);
        var me = (await client.DataAsync("{ me { databaseId } }"))["me"]!["databaseId"]!.GetValue<long>();
        async Task AskAsync(string nameFragment, string panPrefix, string mobileDigits)
        {
            await client.DataAsync(Search, new { s = nameFragment });
            await client.DataAsync(Search, new { s = panPrefix });
            await client.DataAsync(Search, new { s = mobileDigits });
            await client.DataAsync(ClientsPage, new { rm = me });
        }

        await AskAsync("sha", "ABCDE1", "98765");
        var first = app.Compilations.Compiled.Count;
        await AskAsync("meh", "PQRST2", "91234");

        var again = app.Compilations.Compiled.Skip(first).Where(app.Compilations.Compiled.Take(first).Contains).ToList();
        Assert.True(again.Count == 0, $"Compiled again (a query-cache miss on every request):\n{string.Join("\n---\n", again)}");
    }
}

public sealed class PostgresQueryCompilationTests(PostgresQueryCompilationApp app) : QueryCompilationTests<PostgresQueryCompilationApp>(app);
public sealed class SqliteQueryCompilationTests(SqliteQueryCompilationApp app) : QueryCompilationTests<SqliteQueryCompilationApp>(app);
