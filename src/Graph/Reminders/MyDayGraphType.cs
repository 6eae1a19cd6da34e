using GraphQL.Types;
using JlnbCrm.Graph.ClientQueries;
using JlnbCrm.Graph.Clients;
using JlnbCrm.Graph.ServiceRequests;
using JlnbCrm.Reminders;

namespace JlnbCrm.Graph.Reminders;

/// <summary>The signed-in person's reminders, computed by the domain's <see cref="MyDayReport"/> (as the /my-day page).</summary>
public sealed class MyDayGraphType : ObjectGraphType<MyDay>
{
    public MyDayGraphType()
    {
        Name = "MyDay";
        Description = $"Your reminders, computed now: reviews and occasions of the clients in your care (your own; a head's " +
            $"team's), queries and service requests assigned to you that are overdue. At most {MyDayReport.MaxPerSection} " +
            "per section, most urgent first.";
        Field(d => d.Today).Description("India's date today.");
        Field(d => d.Until).Description($"The last day covered: today + {MyDayReport.DaysAhead}.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReviewDueGraphType>>>>("reviewsDue")
            .Description("Portfolio reviews overdue or due by `until`, the longest overdue first.").Resolve(ctx => ctx.Source.ReviewsDue);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClientOccasionGraphType>>>>("occasions")
            .Description("Birthdays and anniversaries from today to `until`, soonest first.").Resolve(ctx => ctx.Source.Occasions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClientQueryGraphType>>>>("overdueQueries")
            .Description("Open queries assigned to you past their due time (SLA state OVERDUE), oldest due first.")
            .Resolve(ctx => ctx.Source.OverdueQueries);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServiceRequestGraphType>>>>("overdueServiceRequests")
            .Description("Open service requests assigned to you past their due time (SLA state OVERDUE), oldest due first.")
            .Resolve(ctx => ctx.Source.OverdueServiceRequests);
    }
}

public sealed class ReviewDueGraphType : ObjectGraphType<ReviewDue>
{
    public ReviewDueGraphType()
    {
        Name = "ReviewDue";
        Field<NonNullGraphType<ClientGraphType>>("client").Resolve(ctx => ctx.Source.Client);
        Field(r => r.DueOn).Description("India's date the review is due.");
        Field(r => r.DaysOverdue).Description("Days past due (0 when due today or later).");
    }
}

public sealed class ClientOccasionGraphType : ObjectGraphType<ClientOccasion>
{
    public ClientOccasionGraphType()
    {
        Name = "ClientOccasion";
        Field<NonNullGraphType<ClientGraphType>>("client").Resolve(ctx => ctx.Source.Client);
        Field(o => o.Kind).Description("BIRTHDAY or ANNIVERSARY.");
        Field(o => o.On).Description("The date it falls on (India).");
        Field(o => o.Years).Description("Which birthday or anniversary it is.");
    }
}
