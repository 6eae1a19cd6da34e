using GraphQL.Types;
using JlnbCrm.Auditing;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.Directory;
using JlnbCrm.Users;

namespace JlnbCrm.Graph.Auditing;

public sealed class AuditEntryGraphType : ObjectGraphType<AuditEntry>
{
    public AuditEntryGraphType()
    {
        Name = "AuditEntry";
        Description = "One recorded insert, update or delete.";
        Field<NonNullGraphType<LongGraphType>>("databaseId").Resolve(ctx => ctx.Source.Id);
        Field(a => a.At).Description("UTC.");
        Field(a => a.UserId, nullable: true);
        Field<UserGraphType>("user").Resolve(ctx => ctx.Loaders().ById<User>(ctx.Source.UserId));
        Field(a => a.Entity).Description("The table, e.g. clients.");
        Field(a => a.EntityId);
        Field(a => a.Action);
        Field(a => a.Changes).Description("JSON: column → { old, new }; a delete also has \"reason\" → { old: null, new: why }. "
            + "Protected values (a client's PAN and account id) appear as the reader sees that record.");
    }
}
