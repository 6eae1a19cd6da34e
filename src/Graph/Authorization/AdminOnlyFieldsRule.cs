using GraphQL.Validation;
using GraphQLParser.AST;
using JlnbCrm.Access;
using GraphQL;
using GraphQL.Types;
using JlnbCrm.Domain;

namespace JlnbCrm.Graph.Authorization;

/// <summary>
/// Field authorization: the admin-only parts of the schema refuse anyone else before anything runs, with the
/// code AUTH_NOT_AUTHORIZED and the field's path. (GraphQL.NET's core only stores authorization metadata; the
/// rule that enforces it ships in a package not available here, so this small rule is ours.) Fields left out by
/// @skip/@include are not checked. The domain services check the same again, so the pages cannot differ.
/// </summary>
public sealed class AdminOnlyFieldsRule : ValidationRuleBase
{
    /// <summary>
    /// Schema coordinates only an administrator may select: the admin-only operations, and the fields the domain
    /// declares admin-only (<see cref="FieldRules"/>; their filters and sorts are refused by the filter builder).
    /// </summary>
    public static readonly IReadOnlySet<string> AdminOnly = new HashSet<string>(FieldRules.All.OfType<CallerFieldRule>()
        .Select(r => $"{Filtering.FilterModel.Exposed[r.Entity]}.{r.Name}"))
    {
        "Query.auditLog",
        "Mutation.createUser", "Mutation.updateUser", "Mutation.changeUserRole", "Mutation.deactivateUser",
        "Mutation.reactivateUser", "Mutation.resetUserPassword", "Mutation.createTeam", "Mutation.renameTeam",
        "Mutation.createProduct", "Mutation.updateProduct", "Mutation.retireProduct", "Mutation.reinstateProduct",
        "Mutation.setServiceLevel", "Mutation.addHoliday", "Mutation.removeHoliday",
        "Mutation.setTeamKind", "Mutation.setDeskRoute", "Mutation.removeDeskRoute", "Mutation.setDefaultDesk",
    };

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var actor = context.RequestServices?.GetService<ICurrentActor>();
        if (actor is null || actor.IsAdmin()) return default;
        return new ValueTask<INodeVisitor?>(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            // The parent as declared may be wrapped (a non-null User!, as Client.assignedRm is): its named type counts.
            var parent = ctx.TypeInfo.GetParentType()?.GetNamedType().Name;
            var coordinate = $"{parent}.{field.Name.StringValue}";
            if (!AdminOnly.Contains(coordinate) || !ctx.ShouldIncludeNode(field)) return;
            ctx.ReportError(new ValidationError(ctx.Document.Source, null, $"Only an administrator may use {coordinate}.", field)
            {
                Code = AccessRules.NotAuthorized,
            });
        }));
    }
}
