using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using JlnbCrm.FunctionalTests.Browser;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Subscriptions;

/// <summary>
/// Live updates over a real WebSocket (graphql-transport-ws at /graphql) against the app on a real Kestrel port:
/// a change made through a mutation on another connection arrives, rows the subscriber may not see never do, and
/// protocol faults close the socket with the protocol's codes.
/// </summary>
public abstract class SubscriptionTests<TApp>(TApp app) : IClassFixture<TApp>, IAsyncLifetime where TApp : class, IGraphApp
{
    internal const string Admin = "admin@jlnb.in";
    internal const string Priya = "priya.nair@jlnb.in"; // junior RM, Mumbai Wealth

    /// <summary>The README's graphql-ws snippet's subscription, so the example shown is the one these tests run.</summary>
    internal static readonly string RequestChanged = ReadmeExamples.Subscription();

    internal static readonly string UpdateRequest =
        Mutation("updateServiceRequest", "UpdateServiceRequestInput", "serviceRequest { databaseId version }");

    private WebApplicationFactory<Program> _host = null!;
    private Uri _address = null!;

    public Task InitializeAsync()
    {
        _host = app.AnotherInstance(KestrelHost.OnAFreePort);
        _address = KestrelHost.Start(_host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_subscriber_sees_a_change_made_through_a_mutation_on_another_connection()
    {
        var admin = await SignInAsync(_address, Admin);
        using var socket = await SubscriptionSocket.OpenAsync(_address);
        await socket.InitAsync(admin.Token);
        await socket.SubscribeAsync("watch", RequestChanged);

        var request = await admin.Client.FirstAsync("serviceRequests", "ServiceRequestFilterInput", new { status = new { eq = "PENDING" } });
        await admin.Client.MutateAsync(UpdateRequest, "updateServiceRequest",
            new { id = request.Long("databaseId"), version = request.Long("version"), details = "Changed while you watched." });

        var change = (await socket.NextAsync("watch"))["data"]!["serviceRequestChanged"]!;
        Assert.Equal("UPDATED", change.Str("action"));
        Assert.Equal(request.Long("databaseId"), change["serviceRequest"]!.Long("databaseId"));
        Assert.Equal("Changed while you watched.", change["serviceRequest"]!.Str("details"));
        Assert.NotNull(change["serviceRequest"]!["client"]!.Str("name"));
    }

    [Fact]
    public async Task A_junior_RM_receives_no_event_for_a_request_they_may_not_see()
    {
        var admin = await SignInAsync(_address, Admin);
        var priya = await SignInAsync(_address, Priya);
        var hidden = await admin.Client.FirstAsync("serviceRequests", "ServiceRequestFilterInput",
            new { status = new { eq = "PENDING" }, client = new { assignedRm = new { team = new { name = new { eq = "Delhi Private Clients" } } } } });
        var hiddenCount = await priya.Client.DataAsync("query($id: Long) { serviceRequests(where: { databaseId: { eq: $id } }) { totalCount } }",
            new { id = hidden.Long("databaseId") });
        Assert.Equal(0, hiddenCount["serviceRequests"]!["totalCount"]!.GetValue<int>());

        using var socket = await SubscriptionSocket.OpenAsync(_address);
        await socket.InitAsync(priya.Token);
        await socket.SubscribeAsync("mine", RequestChanged);
        await admin.Client.MutateAsync(UpdateRequest, "updateServiceRequest",
            new { id = hidden.Long("databaseId"), version = hidden.Long("version"), details = "Not for Priya." });
        var created = await CreateRequestForPriyaAsync(admin.Client, "For Priya.");

        // Changes reach a subscriber in commit order: the first event she gets must be the one she may see.
        var change = (await socket.NextAsync("mine"))["data"]!["serviceRequestChanged"]!;
        Assert.Equal("CREATED", change.Str("action"));
        Assert.Equal(created, change["serviceRequest"]!.Long("databaseId"));
        Assert.Equal("For Priya.", change["serviceRequest"]!.Str("details"));
    }

    [Fact]
    public async Task A_deactivated_subscriber_is_disconnected_at_the_next_change()
    {
        var admin = await SignInAsync(_address, Admin);
        var priya = await SignInAsync(_address, Priya);
        using var socket = await SubscriptionSocket.OpenAsync(_address);
        await socket.InitAsync(priya.Token);
        await socket.SubscribeAsync("mine", RequestChanged);

        var user = await admin.Client.FirstAsync("users", "UserFilterInput", new { email = new { eq = Priya } });
        var (priyaId, version) = (user.Long("databaseId"), user.Long("version"));
        await admin.Client.MutateAsync(Mutation("deactivateUser", "DeactivateUserInput", "user { databaseId }"), "deactivateUser",
            new { id = priyaId, version });
        try
        {
            await CreateRequestForPriyaAsync(admin.Client, "After Priya left.");
            Assert.Equal(4403, (await socket.ClosedAsync()).Code);
        }
        finally
        {
            await admin.Client.MutateAsync(Mutation("reactivateUser", "ReactivateUserInput", "user { databaseId }"), "reactivateUser", new { id = priyaId, version = version + 1 });
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-token")]
    public async Task An_init_without_a_valid_token_is_forbidden(string? authorization)
    {
        using var socket = await SubscriptionSocket.OpenAsync(_address);
        await socket.SendAsync(authorization is null ? new { type = "connection_init" } : new { type = "connection_init", payload = new { Authorization = authorization } });
        Assert.Equal(4403, (await socket.ClosedAsync()).Code);
    }

    [Fact]
    public async Task Subscribing_before_the_acknowledgement_is_unauthorized()
    {
        using var socket = await SubscriptionSocket.OpenAsync(_address);
        await socket.SendAsync(new { id = "1", type = "subscribe", payload = new { query = RequestChanged } });
        Assert.Equal(4401, (await socket.ClosedAsync()).Code);
    }

    [Theory]
    [InlineData("""{"type":"hello"}""")]
    [InlineData("""not json""")]
    [InlineData("""{"type":"subscribe","id":"1"}""")]
    public async Task An_unknown_or_malformed_message_closes_with_4400(string message)
    {
        var admin = await SignInAsync(_address, Admin);
        using var socket = await SubscriptionSocket.OpenAsync(_address);
        await socket.InitAsync(admin.Token);
        await socket.SendTextAsync(message);
        Assert.Equal(4400, (await socket.ClosedAsync()).Code);
    }

    [Fact]
    public async Task A_second_init_and_a_reused_id_close_with_the_protocols_codes()
    {
        var admin = await SignInAsync(_address, Admin);
        using (var socket = await SubscriptionSocket.OpenAsync(_address))
        {
            await socket.InitAsync(admin.Token);
            await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = $"Bearer {admin.Token}" } });
            Assert.Equal(4429, (await socket.ClosedAsync()).Code);
        }
        using (var socket = await SubscriptionSocket.OpenAsync(_address))
        {
            await socket.InitAsync(admin.Token);
            await socket.SubscribeAsync("same", RequestChanged);
            await socket.SendAsync(new { id = "same", type = "subscribe", payload = new { query = RequestChanged } });
            Assert.Equal(4409, (await socket.ClosedAsync()).Code);
        }
    }

    [Fact]
    public async Task A_query_over_the_socket_answers_next_then_complete()
    {
        var admin = await SignInAsync(_address, Admin);
        using var socket = await SubscriptionSocket.OpenAsync(_address);
        await socket.InitAsync(admin.Token);
        await socket.SendAsync(new { id = "q", type = "subscribe", payload = new { query = "{ me { email } }" } });
        Assert.Equal(Admin, (await socket.NextAsync("q"))["data"]!["me"]!.Str("email"));
        Assert.Equal("complete", (await socket.ReceiveAsync())["type"]!.GetValue<string>());
    }

    /// <summary>A new service request on one of Priya's clients (so she may see it); answers its id.</summary>
    private static async Task<long> CreateRequestForPriyaAsync(GraphClient admin, string details)
    {
        var client = await admin.FirstAsync("clients", "ClientFilterInput", new { assignedRm = new { email = new { eq = Priya } } });
        var create = Mutation("createServiceRequest", "CreateServiceRequestInput", "serviceRequest { databaseId }");
        return (await admin.MutateAsync(create, "createServiceRequest",
            new { clientId = client.Long("databaseId"), type = "ADDRESS_CHANGE", details }))["serviceRequest"]!.Long("databaseId");
    }

    /// <summary>Signs in (code + PKCE) against the given host, so the token's issuer is that host.</summary>
    internal static async Task<(GraphClient Client, string Token)> SignInAsync(Uri host, string email)
    {
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new() }) { BaseAddress = host };
        var token = (await Identity.OidcFlow.SignInAsync(browser, email, DemoDirectory.Password)).AccessToken;
        var api = new HttpClient { BaseAddress = host };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (new GraphClient(api), token);
    }
}

public sealed class PostgresSubscriptionTests(PostgresGraphApp app) : SubscriptionTests<PostgresGraphApp>(app);
public sealed class SqliteSubscriptionTests(SqliteGraphApp app) : SubscriptionTests<SqliteGraphApp>(app);

/// <summary>On PostgreSQL every instance hears every change (LISTEN/NOTIFY): a mutation on one host reaches a subscriber on another.</summary>
public sealed class TwoInstanceSubscriptionTests(PostgresGraphApp app) : IClassFixture<PostgresGraphApp>
{
    [Fact]
    public async Task A_mutation_on_host_A_reaches_a_subscriber_on_host_B()
    {
        await using var hostA = app.AnotherInstance(KestrelHost.OnAFreePort);
        await using var hostB = app.AnotherInstance(KestrelHost.OnAFreePort);
        var (a, b) = (KestrelHost.Start(hostA), KestrelHost.Start(hostB));
        var adminOnA = await SubscriptionTests<PostgresGraphApp>.SignInAsync(a, SubscriptionTests<PostgresGraphApp>.Admin);
        var adminOnB = await SubscriptionTests<PostgresGraphApp>.SignInAsync(b, SubscriptionTests<PostgresGraphApp>.Admin);
        using var socket = await SubscriptionSocket.OpenAsync(b);
        await socket.InitAsync(adminOnB.Token);
        await socket.SubscribeAsync("leads", "subscription { leadChanged { action lead { databaseId prospectName } } }");

        var lead = await adminOnA.Client.FirstAsync("leads", "LeadFilterInput", new { status = new { eq = "NEW" } });
        await adminOnA.Client.MutateAsync(Mutation("updateLead", "UpdateLeadInput", "lead { databaseId }"), "updateLead",
            new { id = lead.Long("databaseId"), version = lead.Long("version"), prospectName = "Renamed On Host A" });

        var change = (await socket.NextAsync("leads"))["data"]!["leadChanged"]!;
        Assert.Equal("UPDATED", change.Str("action"));
        Assert.Equal(lead.Long("databaseId"), change["lead"]!.Long("databaseId"));
        Assert.Equal("Renamed On Host A", change["lead"]!.Str("prospectName"));
    }
}
