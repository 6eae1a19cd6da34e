using GraphQL;
using GraphQL.Types;
using JlnbCrm.Database;
using JlnbCrm.Domain;

namespace JlnbCrm.Graph.Schema;

/// <summary>A mutation's outcome: the changed objects by field name, or the rule errors that refused it.</summary>
public sealed record Payload(IReadOnlyDictionary<string, object?> Values, IReadOnlyList<RuleError> Errors);

/// <summary>{ code, message, field }: a refusal a front end can show beside the input it concerns.</summary>
public sealed class UserErrorType : ObjectGraphType<RuleError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "Why a mutation was refused: a stable code (REQUIRED, INVALID, INVALID_PAN, DUPLICATE, ILLEGAL_TRANSITION, NOT_FOUND, CONFLICT, IN_USE, AUTH_NOT_AUTHORIZED), a sentence, and the input field.";
        Field(e => e.Code);
        Field(e => e.Message);
        Field(e => e.Field, nullable: true).Description("The input field at fault (camelCase), if one.");
    }
}

/// <summary>
/// Declares mutations as <c>name(input: XInput!): XPayload!</c>. The payload carries the changed objects and
/// <c>errors</c>; a refused mutation changes nothing and says why in <c>errors</c>.
/// </summary>
public static class MutationFields
{
    public static void Mutation(this ObjectGraphType root, string name, string description, InputObjectGraphType input,
        ObjectGraphType<Payload> payload, Func<IResolveFieldContext, InputReader, Task<IReadOnlyDictionary<string, object?>>> run)
    {
        root.Field(name, new NonNullGraphType(payload)).Description(description)
            .Argument(new NonNullGraphType(input), "input")
            .ResolveAsync(async ctx =>
            {
                var reader = new InputReader(ctx.GetArgument<Dictionary<string, object?>>("input"));
                try
                {
                    return new Payload(await run(ctx, reader), []);
                }
                catch (RuleViolationException refusal)
                {
                    // Nothing half-done stays tracked for a later mutation in the same request.
                    ctx.RequestServices!.GetRequiredService<CrmDbContext>().ChangeTracker.Clear();
                    return new Payload(new Dictionary<string, object?>(), refusal.Errors);
                }
            });
    }

    /// <summary>A payload type: the named result fields and <c>errors: [UserError!]!</c>.</summary>
    public static ObjectGraphType<Payload> PayloadType(string name, params (string Field, IGraphType Type)[] fields)
    {
        var payload = new ObjectGraphType<Payload> { Name = name };
        foreach (var (field, type) in fields)
            payload.Field(field, type).Resolve(ctx => ctx.Source.Values.GetValueOrDefault(field));
        payload.Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors")
            .Description("Empty when the mutation succeeded.").Resolve(ctx => ctx.Source.Errors);
        return payload;
    }

    public static IReadOnlyDictionary<string, object?> Result(string field, object? value) =>
        new Dictionary<string, object?> { [field] = value };
}
