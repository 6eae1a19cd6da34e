using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Identity;
using JlnbCrm.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Graph;

/// <summary>
/// A desk's queue as its head and an executive read it over GraphQL, the way the operations front end does all day:
/// open requests by due time or oldest first, page by page from the cursor, with the client's and the assignee's names.
/// Walked to its end it is exactly the open requests docs/access.md gives each of them (AccessMatrix, written apart
/// from the app), in order; and a page is one statement whatever its size, the client and the assignee coming with
/// the rows (a request's client is seen by whoever sees the request: Access.SeenWithRow).
/// </summary>
public abstract class DeskQueueReadTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    private const string Head = "meera.pillai@jlnb.in", Executive = "farhan.qureshi@jlnb.in";
    private const string KycDesk = "Operations — KYC & Onboarding";

    private static string Queue(string order) => $$"""
        query($desk: Long!, $first: Int!, $after: String) {
          serviceRequests(first: $first, after: $after,
            where: { deskId: { eq: $desk }, status: { in: [PENDING, IN_PROGRESS] } }, order: [{ {{order}}: ASC }]) {
            edges { node { databaseId client { name } assignedUser { name } } } pageInfo { endCursor hasNextPage } } }
        """;

    [Theory]
    [InlineData(Head, "dueAt")]
    [InlineData(Executive, "dueAt")]
    [InlineData(Head, "createdAt")]
    [InlineData(Executive, "createdAt")]
    public async Task The_queue_walked_page_by_page_is_exactly_the_open_requests_of_the_desk_the_person_sees(
        string email, string order)
    {
        await using var db = app.Db.Open();
        var seen = (await AccessMatrix.LoadAsync(db)).ServiceRequestsSeenBy(email);
        var desk = await db.Teams.Where(t => t.Name == KycDesk).Select(t => t.Id).SingleAsync();
        var open = ServiceRequest.OpenStatuses.ToList();
        var rows = await db.ServiceRequests.Where(s => s.DeskId == desk && open.Contains(s.Status))
            .Select(s => new { s.Id, s.DueAt, s.CreatedAt, Client = s.Client!.Name, Assignee = s.AssignedUser!.Name })
            .ToListAsync();
        var expected = rows.Where(r => seen.Contains(r.Id))
            .OrderBy(r => order == "dueAt" ? r.DueAt : r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => $"{r.Id} {r.Client} / {r.Assignee}").ToList();
        // The demo desk's queue holds what the executive may pick up and work other executives hold, which only the
        // head sees: a page that showed the executive one of those, or hid one from the head, would fail below.
        Assert.True(expected.Count > 4, $"{email} sees {expected.Count} open requests of the desk");
        Assert.Equal(email == Head, rows.All(r => seen.Contains(r.Id)));
        Assert.Contains(rows, r => r.Assignee is not null);

        var client = app.ClientAs(email);
        // Two rows a page: the demo desk's queue is short, and the walk should cross several cursors.
        var walked = new List<string>();
        string? after = null;
        do
        {
            var page = (await client.DataAsync(Queue(order), new { desk, first = 2, after }))["serviceRequests"]!;
            walked.AddRange(page["edges"]!.AsArray().Select(e => e!["node"]!).Select(n =>
                $"{n.Long("databaseId")} {n["client"]!.Str("name")} / {n["assignedUser"]?.Str("name")}"));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!.Str("endCursor") : null;
        } while (after is not null);
        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task A_queue_page_with_client_and_assignee_names_is_one_statement_at_2_and_at_5_rows()
    {
        await using var db = app.Db.Open();
        var desk = await db.Teams.Where(t => t.Name == KycDesk).Select(t => t.Id).SingleAsync();
        foreach (var email in new[] { Head, Executive })
        {
            var send = app.ClientAs(email);
            var counts = new List<int>();
            foreach (var first in new[] { 2, 5 })
            {
                await send.DataAsync("{ roles { name } }"); // warm-up: the schema, the EF model, the sign-in
                app.Commands.Reset();
                var page = (await send.DataAsync(Queue("dueAt"), new { desk, first, after = (string?)null }))
                    ["serviceRequests"]!;
                counts.Add(app.Commands.Count);
                var nodes = page["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
                Assert.Equal(first, nodes.Count);
                Assert.All(nodes, n => Assert.False(string.IsNullOrEmpty(n["client"]!.Str("name"))));
                Assert.True(counts[^1] <= 1, $"{email}, {first} rows: {counts[^1]} statements:\n{app.Commands.Texts}");
            }
            Assert.Equal(counts[0], counts[1]);
        }
    }
}

public sealed class PostgresDeskQueueReadTests(PostgresGraphApp app) : DeskQueueReadTests<PostgresGraphApp>(app);
public sealed class SqliteDeskQueueReadTests(SqliteGraphApp app) : DeskQueueReadTests<SqliteGraphApp>(app);
