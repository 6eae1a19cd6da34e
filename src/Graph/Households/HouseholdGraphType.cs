using GraphQL;
using GraphQL.Types;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.ClientQueries;
using JlnbCrm.Graph.Clients;
using JlnbCrm.Graph.Interactions;
using JlnbCrm.Graph.Paging;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Graph.ServiceRequests;
using JlnbCrm.Households;
using JlnbCrm.Interactions;
using JlnbCrm.ServiceRequests;

namespace JlnbCrm.Graph.Households;

/// <summary>
/// A family group and its roll-up. Every list is what the viewer sees of the household (HouseholdRollUp): members
/// under another RM, and their holdings and work, are left out for someone who does not see them.
/// </summary>
public sealed class HouseholdGraphType : EntityGraphType<Household>
{
    public const int DefaultInteractions = 10;

    public HouseholdGraphType() : base("Household", "A family group of clients with a head member.")
    {
        Field(h => h.Name);
        Field(h => h.HeadClientId);
        Field<ClientGraphType>("headClient").Description("The head member; null if you do not see that client.")
            .Resolve(ctx => ctx.Loaders().ById<Client>(ctx.Source.HeadClientId));
        RollUp<ClientGraphType, Client>("members", "The members you see, by name.", (r, ids, ct) => r.MembersAsync(ids, ct));
        RollUp<ClientProductGraphType, ClientProduct>("holdings", "The products the members you see hold.",
            (r, ids, ct) => r.HoldingsAsync(ids, ct));
        RollUp<InteractionGraphType, Interaction>("interactions", "The latest interactions with the members, newest first.",
            (r, ids, ct) => r.InteractionsAsync(ids, ct), DefaultInteractions);
        RollUp<ClientQueryGraphType, ClientQuery>("openQueries", "The members' open and in-progress queries, soonest due first.",
            (r, ids, ct) => r.OpenQueriesAsync(ids, ct));
        RollUp<ServiceRequestGraphType, ServiceRequest>("openServiceRequests",
            "The members' pending and in-progress service requests, soonest due first.",
            (r, ids, ct) => r.OpenServiceRequestsAsync(ids, ct));
    }

    /// <summary>One roll-up list, batched over every household asked for at this level.</summary>
    private void RollUp<TGraph, TRow>(string name, string description,
        Func<HouseholdRollUp, IReadOnlyCollection<long>, CancellationToken, Task<ILookup<long, TRow>>> fetch, int? defaultFirst = null)
        where TGraph : IGraphType
    {
        var size = defaultFirst ?? PageSize.Max;
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TGraph>>>>(name).Description(description)
            .FirstArgument(size)
            .Resolve(ctx =>
            {
                var first = ctx.First(size);
                var rollUp = ctx.RequestServices!.GetRequiredService<HouseholdRollUp>();
                return ctx.Loaders().Get<long, TRow[]>($"Household.{name}:{first}", async (_, ids, ct) =>
                {
                    var rows = await fetch(rollUp, ids, ct);
                    return ids.ToDictionary(id => id, id => rows[id].Take(first).ToArray());
                }).Load(ctx.Source.Id);
            });
    }
}
