using GraphQL;
using GraphQL.Types;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Leads;

namespace JlnbCrm.Graph.Leads;

public sealed class ReferrerLedgerEntryGraphType : ObjectGraphType<ReferrerLedgerEntry>
{
    public ReferrerLedgerEntryGraphType()
    {
        Name = "ReferrerLedgerEntry";
        Description = "One referrer's references created in the period and what became of them.";
        Field(e => e.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<ReferrerKind>>))
            .Description("STAFF: the staff member who obtained them; CLIENT: the referring client; OTHER: a free-text giver.");
        Field(e => e.ReferrerId, nullable: true).Description("The user's or client's database id; null for free text.");
        Field(e => e.Name).Description("A referring client the caller may not see is shown without its name.");
        Field(e => e.Given);
        Field(e => e.Converted);
        Field(e => e.Denied);
        Field(e => e.Open);
        Field(e => e.ConversionRate).Description("Converted ÷ given, 0 to 1.");
        Field(e => e.AverageDaysToConvert, nullable: true);
        Field(e => e.MedianDaysToConvert, nullable: true);
    }
}

public static class ReferrerLedgerQuery
{
    public static void AddReferrerLedger(this ObjectGraphType root) =>
        root.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReferrerLedgerEntryGraphType>>>>("referrerLedger")
            .Description("Per referrer (staff who obtained references, clients or others who gave them): references created " +
                "in the period, converted, denied, conversion rate and days to convert, over the references you may see. " +
                "Most conversions first.")
            .Argument<DateOnlyGraphType>("from", "First day of the period, India time (Asia/Kolkata).")
            .Argument<DateOnlyGraphType>("to", "Last day of the period, inclusive, India time.")
            .Argument<IntGraphType>("first", $"At most this many referrers (1 to {ReferrerLedger.MaxRows}).")
            .ResolveAsync(async ctx => await ctx.Service<ReferrerLedger>().ForPeriodAsync(ctx.GetArgument<DateOnly?>("from"),
                ctx.GetArgument<DateOnly?>("to"), ctx.GetArgument<int?>("first"), ctx.CancellationToken));
}
