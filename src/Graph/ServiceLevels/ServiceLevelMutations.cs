using GraphQL.Types;
using JlnbCrm.Graph.Schema;
using JlnbCrm.ServiceLevels;
using JlnbCrm.ServiceRequests;
using static JlnbCrm.Graph.Schema.InputTypes;
using static JlnbCrm.Graph.Schema.MutationFields;

namespace JlnbCrm.Graph.ServiceLevels;

/// <summary>Admin: turnaround targets and the holiday list.</summary>
public static class ServiceLevelMutations
{
    public static void AddServiceLevelMutations(this ObjectGraphType root)
    {
        var level = PayloadType("ServiceLevelPayload", ("serviceLevel", new GraphQLTypeReference("ServiceLevel")));
        var holiday = PayloadType("HolidayPayload", ("holiday", new GraphQLTypeReference("Holiday")));
        ServiceLevelBook Book(GraphQL.IResolveFieldContext ctx) => ctx.Service<ServiceLevelBook>();

        root.Mutation("setServiceLevel", "Sets a target turnaround; new work is dated by it, existing due-ats stay.",
            Define("SetServiceLevelInput", "The target.",
                Optional<EnumerationGraphType<ServiceRequestType>>("requestType", "Leave out for the firm-wide client-query target."),
                Required<IntGraphType>("workingDays", $"1 to {ServiceLevel.MaxWorkingDays}.")),
            level, async (ctx, input) => Result("serviceLevel", await Book(ctx).SetTargetAsync(
                input.OptionalEnum<ServiceRequestType>("requestType"), input.Int("workingDays"), ctx.CancellationToken)));

        root.Mutation("addHoliday", "Adds a firm holiday (one per date).",
            Define("AddHolidayInput", "The holiday.", Required<DateOnlyGraphType>("date"), Required<StringGraphType>("name")),
            holiday, async (ctx, input) => Result("holiday", await Book(ctx).AddHolidayAsync(
                input.Date("date")!.Value, input.String("name") ?? "", ctx.CancellationToken)));

        root.Mutation("removeHoliday", "Removes a firm holiday.",
            Define("RemoveHolidayInput", "The holiday.", Required<IdGraphType>("id")),
            holiday, async (ctx, input) => Result("holiday", await Book(ctx).RemoveHolidayAsync(
                input.Id("id", "Holiday"), ctx.CancellationToken)));
    }
}
