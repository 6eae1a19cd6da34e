using GraphQL;
using GraphQL.Types;
using JlnbCrm.Dashboard;
using JlnbCrm.Graph.Schema;

namespace JlnbCrm.Graph.Dashboard;

public sealed class DashboardGraphType : ObjectGraphType
{
    public DashboardGraphType()
    {
        Name = "Dashboard";
        Description = "Figures over the rows the caller may see. Periods are [from, to) in UTC on created time.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatusCountGraphType>>>>("leadPipeline").Description("References by status.")
            .Argument<DateTimeGraphType>("from").Argument<DateTimeGraphType>("to")
            .ResolveAsync(async ctx => await ctx.Service<DashboardReport>().LeadPipelineAsync(From(ctx), To(ctx), ctx.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RmStatusCountGraphType>>>>("leadPipelineByRm").Description("References by owning RM and status.")
            .Argument<DateTimeGraphType>("from").Argument<DateTimeGraphType>("to")
            .ResolveAsync(async ctx => await ctx.Service<DashboardReport>().LeadPipelineByRmAsync(From(ctx), To(ctx), ctx.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RmConversionGraphType>>>>("conversionRates")
            .Description("Per RM: references created in the period and how many are converted.")
            .Argument<NonNullGraphType<DateTimeGraphType>>("from").Argument<NonNullGraphType<DateTimeGraphType>>("to")
            .ResolveAsync(async ctx => await ctx.Service<DashboardReport>().ConversionRatesAsync(From(ctx)!.Value, To(ctx)!.Value, ctx.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServiceRequestBucketGraphType>>>>("openServiceRequests")
            .Description("Pending and in-progress service requests by type and age.")
            .ResolveAsync(async ctx => await ctx.Service<DashboardReport>().OpenServiceRequestsAsync(ctx.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatusCountGraphType>>>>("serviceRequestsByStatus")
            .ResolveAsync(async ctx => await ctx.Service<DashboardReport>().ServiceRequestsByStatusAsync(ctx.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SlaWorkloadGraphType>>>>("slaByAssignee")
            .Description("Open service requests and queries per assignee: on time, due today, overdue.")
            .ResolveAsync(async ctx => await ctx.Service<SlaReport>().ByAssigneeAsync(ctx.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SlaDeskWorkloadGraphType>>>>("slaByDesk")
            .Description("Open service requests per operations desk: on time, due today, overdue.")
            .ResolveAsync(async ctx => await ctx.Service<SlaReport>().ByDeskAsync(ctx.CancellationToken));
        Field<NonNullGraphType<QueryStatsGraphType>>("queryStats").Description("Queries raised in the period: open vs resolved, mean time to resolve.")
            .Argument<DateTimeGraphType>("from").Argument<DateTimeGraphType>("to")
            .ResolveAsync(async ctx => await ctx.Service<DashboardReport>().QueryStatsAsync(From(ctx), To(ctx), ctx.CancellationToken));
    }

    private static DateTime? From(IResolveFieldContext ctx) => Utc(ctx.GetArgument<DateTime?>("from"));

    private static DateTime? To(IResolveFieldContext ctx) => Utc(ctx.GetArgument<DateTime?>("to"));

    private static DateTime? Utc(DateTime? value) => value?.Kind switch
    {
        DateTimeKind.Local => value.Value.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value.Value, DateTimeKind.Utc),
        _ => value,
    };
}

public sealed class StatusCountGraphType : ObjectGraphType<StatusCount>
{
    public StatusCountGraphType() { Name = "StatusCount"; Field(s => s.Status); Field(s => s.Count); }
}

public sealed class RmStatusCountGraphType : ObjectGraphType<RmStatusCount>
{
    public RmStatusCountGraphType() { Name = "RmStatusCount"; Field(s => s.RmId); Field(s => s.RmName); Field(s => s.Status); Field(s => s.Count); }
}

public sealed class RmConversionGraphType : ObjectGraphType<RmConversion>
{
    public RmConversionGraphType()
    {
        Name = "RmConversion";
        Field(s => s.RmId); Field(s => s.RmName); Field(s => s.Leads); Field(s => s.Converted);
        Field(s => s.Rate).Description("Converted ÷ leads, 0–1.");
    }
}

public sealed class ServiceRequestBucketGraphType : ObjectGraphType<ServiceRequestBucket>
{
    public ServiceRequestBucketGraphType() { Name = "ServiceRequestBucket"; Field(s => s.Type); Field(s => s.Age); Field(s => s.Count); }
}

public sealed class SlaWorkloadGraphType : ObjectGraphType<SlaWorkload>
{
    public SlaWorkloadGraphType()
    {
        Name = "SlaWorkload";
        Field(w => w.Work).Description("\"Service requests\" or \"Queries\".");
        Field(w => w.AssigneeId, nullable: true).Description("Null for unassigned requests.");
        Field(w => w.AssigneeName);
        Field(w => w.OnTime); Field(w => w.DueToday); Field(w => w.Overdue);
    }
}

public sealed class SlaDeskWorkloadGraphType : ObjectGraphType<SlaDeskWorkload>
{
    public SlaDeskWorkloadGraphType()
    {
        Name = "SlaDeskWorkload";
        Field(w => w.DeskId); Field(w => w.DeskName);
        Field(w => w.OnTime); Field(w => w.DueToday); Field(w => w.Overdue);
    }
}

public sealed class QueryStatsGraphType : ObjectGraphType<QueryStats>
{
    public QueryStatsGraphType()
    {
        Name = "QueryStats";
        Field(s => s.Open).Description("Open or in progress.");
        Field(s => s.Resolved).Description("Resolved or closed.");
        Field(s => s.MeanHoursToResolve, nullable: true);
    }
}
