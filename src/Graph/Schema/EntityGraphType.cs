using GraphQL.Types;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Nodes;

namespace JlnbCrm.Graph.Schema;

/// <summary>The fields every stored entity has: global and database ids, version, timestamps.</summary>
public abstract class EntityGraphType<T> : ObjectGraphType<T> where T : Entity
{
    protected EntityGraphType(string name, string description)
    {
        Name = name;
        Description = description;
        Interface<NodeInterface>();
        IsTypeOf = value => value is T;
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global (Relay) id.").Resolve(ctx => NodeId.Encode(name, ctx.Source.Id));
        Field<NonNullGraphType<LongGraphType>>("databaseId").Description("The row's id in the database.").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<LongGraphType>>("version")
            .Description("Concurrency version: send it back with an edit; if someone saved in between, the edit is refused with CONFLICT.")
            .Resolve(ctx => ctx.Source.Version);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Description("UTC.").Resolve(ctx => ctx.Source.CreatedAt);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("UTC.").Resolve(ctx => ctx.Source.UpdatedAt);
    }
}
