using GraphQL.Types;
using JlnbCrm.Graph.Schema;
using JlnbCrm.ServiceLevels;
using JlnbCrm.ServiceRequests;

namespace JlnbCrm.Graph.ServiceLevels;

public sealed class ServiceLevelGraphType : EntityGraphType<ServiceLevel>
{
    public ServiceLevelGraphType() : base("ServiceLevel", "A target turnaround in working days (Sundays and firm holidays skipped).")
    {
        Field(l => l.Subject).Description("The request type's name, or \"Client Query\" for the firm-wide query target.");
        Field<EnumerationGraphType<ServiceRequestType>>("requestType").Description("Null for the client-query target.")
            .Resolve(ctx => ctx.Source.RequestType);
        Field(l => l.WorkingDays);
    }
}

public sealed class HolidayGraphType : EntityGraphType<Holiday>
{
    public HolidayGraphType() : base("Holiday", "A day the firm is closed; it does not count towards any SLA clock.")
    {
        Field<NonNullGraphType<DateOnlyGraphType>>("date").Resolve(ctx => ctx.Source.Date);
        Field(h => h.Name);
    }
}

/// <summary>The SLA fields of requests and queries, declared once for both graph types.</summary>
public static class SlaFields
{
    public static void AddSlaFields<T>(this ObjectGraphType<T> type, Func<T, DateTime> dueAt, Func<T, DateTime?> stoppedAt,
        Func<T, DateTime?> breachRecordedAt)
    {
        type.Field<NonNullGraphType<DateTimeGraphType>>("dueAt").Description("When the turnaround target runs out (UTC).")
            .Resolve(ctx => dueAt(ctx.Source));
        type.Field<NonNullGraphType<EnumerationGraphType<SlaState>>>("slaState")
            .Description("Open: ON_TIME, DUE_TODAY (India's calendar day) or OVERDUE; closed: MET or BREACHED.")
            .Resolve(ctx => SlaRules.StateOf(dueAt(ctx.Source), stoppedAt(ctx.Source), Now(ctx)));
        type.Field<IntGraphType>("minutesLeft").Description("Minutes until due, negative once overdue; null once closed.")
            .Resolve(ctx => SlaRules.TimeLeft(dueAt(ctx.Source), stoppedAt(ctx.Source), Now(ctx)) is { } left
                ? (int)Math.Floor(left.TotalMinutes) : null);
        type.Field<DateTimeGraphType>("breachRecordedAt").Description("When the breach was recorded in the history (UTC).")
            .Resolve(ctx => breachRecordedAt(ctx.Source));
    }

    private static DateTime Now(GraphQL.IResolveFieldContext ctx) => ctx.Service<Database.CrmDbContext>().UtcNow;
}
