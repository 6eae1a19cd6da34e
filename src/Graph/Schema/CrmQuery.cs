using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using JlnbCrm.Auditing;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Aggregates;
using JlnbCrm.Graph.Auditing;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.ClientQueries;
using JlnbCrm.Graph.Clients;
using JlnbCrm.Graph.Dashboard;
using JlnbCrm.Graph.Directory;
using JlnbCrm.Graph.Households;
using JlnbCrm.Households;
using JlnbCrm.Graph.Interactions;
using JlnbCrm.Graph.Leads;
using JlnbCrm.Graph.Nodes;
using JlnbCrm.Graph.ServiceRequests;
using JlnbCrm.Interactions;
using JlnbCrm.Leads;
using JlnbCrm.Products;
using JlnbCrm.ServiceLevels;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Graph.ServiceLevels;
using JlnbCrm.Users;

namespace JlnbCrm.Graph.Schema;

/// <summary>The read side: every list as a filterable, sortable Relay connection, plus node lookup and the dashboard.</summary>
public sealed class CrmQuery : ObjectGraphType
{
    public CrmQuery()
    {
        Name = "Query";

        Field<NodeInterface>("node").Description("Any object by its global id.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Resolve(ctx => Node(ctx, ctx.GetArgument<string>("id")));
        Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes").Description("Objects by global id, in the same order (null where not found).")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .ResolveAsync(async ctx =>
            {
                // Ask for every id first so each type's loader fetches its ids in one query.
                var pending = ctx.GetArgument<List<string>>("ids").Select(id => Node(ctx, id)).ToList();
                var found = new List<object?>();
                foreach (var result in pending)
                    found.Add(result is null ? null : await result.GetResultAsync(ctx.CancellationToken));
                return found;
            });

        this.ListConnection<ClientGraphType, Client>("clients", "Clients, with an optional search over name, PAN, mobile and account id.",
            SearchClients, SearchArgument);
        this.ListConnection<HouseholdGraphType, Household>("households", "Households (family groups) with a client you see.",
            (ctx, _, rows) => HouseholdBook.Search(rows, ctx.GetArgument<string?>("search")),
            field => field.Arguments!.Add(new QueryArgument<StringGraphType> { Name = "search", Description = "Name fragment." }));
        this.ListConnection<LeadGraphType, Lead>("leads", "References (leads).");
        this.ListConnection<InteractionGraphType, Interaction>("interactions", "Logged interactions.");
        // SLA state is not a column (it depends on now and India's today), so it is an argument of its own.
        this.ListConnection<ClientQueryGraphType, ClientQuery>("clientQueries", "Client queries.", QueriesInSla, SlaArgument);
        this.ListConnection<ServiceRequestGraphType, ServiceRequest>("serviceRequests", "Service requests.", RequestsInSla, SlaArgument);
        // Each aggregate narrows exactly as its list does, so its counts are counts of rows the list would page.
        this.AggregateField<Client>("clients", "Clients counted per groupBy key (same where and search as clients).",
            SearchClients, SearchArgument);
        this.AggregateField<Lead>("leads", "References counted per groupBy key, e.g. per product per month by status.");
        this.AggregateField<Interaction>("interactions", "Interactions counted per groupBy key.");
        this.AggregateField<ClientQuery>("clientQueries", "Client queries counted per groupBy key (same where and sla as clientQueries).",
            QueriesInSla, SlaArgument);
        this.AggregateField<ServiceRequest>("serviceRequests",
            "Service requests counted per groupBy key, e.g. per type by SLA state (same where and sla as serviceRequests).",
            RequestsInSla, SlaArgument);
        this.ListConnection<ProductGraphType, Product>("products", "The product catalogue.");
        this.ListConnection<UserGraphType, User>("users", "Staff.");
        this.ListConnection<TeamGraphType, Team>("teams", "Teams.");
        this.ListConnection<AuditEntryGraphType, AuditEntry>("auditLog", "The audit trail of every change.");

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServiceLevelGraphType>>>>("serviceLevels")
            .Description("Turnaround targets: one per service-request type, then the client-query target.")
            .ResolveAsync(async ctx => await ctx.Service<ServiceLevelBook>().TargetsAsync(ctx.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HolidayGraphType>>>>("holidays").Description("Firm holidays by date.")
            .Argument<DateOnlyGraphType>("from", "Only holidays on or after this date.")
            .ResolveAsync(async ctx => await ctx.Service<ServiceLevelBook>().HolidaysAsync(ctx.GetArgument<DateOnly?>("from"), ctx.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Desks.DeskRouteGraphType>>>>("deskRoutes")
            .Description("Which operations desk receives each request type (types without a route go to the default desk).")
            .ResolveAsync(async ctx => await ctx.Service<JlnbCrm.Desks.DeskRouting>().RoutesAsync(ctx.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RoleGraphType>>>>("roles").Resolve(_ => Role.All);
        Field<UserGraphType>("me").Description("The signed-in user.")
            .Resolve(ctx => ctx.Service<ICurrentActor>().UserId is { } id
                ? ctx.Loaders().ById<User>(id, ToOneJoins.OfObject<User>(ctx))
                : null);
        Field<NonNullGraphType<Reminders.MyDayGraphType>>("myDay")
            .Description("Your day: reviews due, birthdays and anniversaries in the next 7 days, your overdue queries and requests.")
            .ResolveAsync(async ctx => await ctx.Service<JlnbCrm.Reminders.MyDayReport>().ForMeAsync(ctx.CancellationToken));
        this.AddReferrerLedger();
        Field<NonNullGraphType<DashboardGraphType>>("dashboard").Description("Pipeline, conversion, service and query figures.")
            .Resolve(_ => new object());
    }

    private static IQueryable<Client> SearchClients(IResolveFieldContext ctx, CrmDbContext db, IQueryable<Client> rows) =>
        rows.Search(ctx.GetArgument<string?>("search"), db, ctx.RequestServices!.GetRequiredService<ICurrentActor>());

    private static void SearchArgument(FieldType field) => field.Arguments!.Add(new QueryArgument<StringGraphType>
        { Name = "search", Description = "Name fragment, PAN or PAN prefix, mobile digits, or account id." });

    private static IQueryable<ClientQuery> QueriesInSla(IResolveFieldContext ctx, CrmDbContext db, IQueryable<ClientQuery> rows) =>
        SlaClocks.ClientQueries.Filter(rows, Sla(ctx), db.UtcNow);

    private static IQueryable<ServiceRequest> RequestsInSla(IResolveFieldContext ctx, CrmDbContext db, IQueryable<ServiceRequest> rows) =>
        SlaClocks.ServiceRequests.Filter(rows, Sla(ctx), db.UtcNow);

    private static SlaState? Sla(IResolveFieldContext ctx) => ctx.GetArgument<SlaState?>("sla");

    private static void SlaArgument(FieldType field) => field.Arguments!.Add(new QueryArgument<EnumerationGraphType<SlaState>>
        { Name = "sla", Description = "Only records in this SLA state (ON_TIME, DUE_TODAY, OVERDUE, MET, BREACHED)." });

    private static IDataLoaderResult? Node(IResolveFieldContext ctx, string id)
    {
        if (NodeId.TryDecode(id) is not { } node) return null;
        var loaders = ctx.Loaders();
        return node.Type switch
        {
            "Client" => loaders.ById<Client>(node.Id, ToOneJoins.OfObject<Client>(ctx)),
            "Household" => loaders.ById<Household>(node.Id, ToOneJoins.OfObject<Household>(ctx)),
            "Lead" => loaders.ById<Lead>(node.Id, ToOneJoins.OfObject<Lead>(ctx)),
            "Interaction" => loaders.ById<Interaction>(node.Id, ToOneJoins.OfObject<Interaction>(ctx)),
            "ClientQuery" => loaders.ById<ClientQuery>(node.Id, ToOneJoins.OfObject<ClientQuery>(ctx)),
            "ServiceRequest" => loaders.ById<ServiceRequest>(node.Id, ToOneJoins.OfObject<ServiceRequest>(ctx)),
            "Product" => loaders.ById<Product>(node.Id, ToOneJoins.OfObject<Product>(ctx)),
            "User" => loaders.ById<User>(node.Id, ToOneJoins.OfObject<User>(ctx)),
            "Team" => loaders.ById<Team>(node.Id, ToOneJoins.OfObject<Team>(ctx)),
            "Consent" => loaders.ById<JlnbCrm.Consents.Consent>(node.Id, ToOneJoins.OfObject<JlnbCrm.Consents.Consent>(ctx)),
            _ => null,
        };
    }
}
