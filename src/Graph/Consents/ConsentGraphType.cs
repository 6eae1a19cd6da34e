using GraphQL.Types;
using JlnbCrm.Auditing;
using JlnbCrm.Clients;
using JlnbCrm.Consents;
using JlnbCrm.Graph.Auditing;
using JlnbCrm.Graph.Batching;
using JlnbCrm.Graph.Clients;
using JlnbCrm.Graph.Directory;
using JlnbCrm.Graph.Schema;
using JlnbCrm.Users;

namespace JlnbCrm.Graph.Consents;

/// <summary>A client's consent for one purpose (seen by whoever sees the client: the row filter and row security).</summary>
public sealed class ConsentGraphType : EntityGraphType<Consent>
{
    public ConsentGraphType() : base("Consent", "A client's consent to one purpose (DPDP Act 2023), current until withdrawn.")
    {
        Field(c => c.Purpose);
        Field(c => c.ClientId);
        Field<NonNullGraphType<ClientGraphType>>("client").Resolve(ctx => ctx.Loaders().ById<Client>(ctx.Source.ClientId));
        Field(c => c.GivenAt).Description("When the client gave it (UTC).");
        Field<NonNullGraphType<UserGraphType>>("givenBy").Description("The staff member who recorded it.")
            .Resolve(ctx => ctx.Loaders().ById<User>(ctx.Source.GivenById));
        Field(c => c.Evidence).Description("How it was obtained (form reference, call recording…).");
        Field(c => c.WithdrawnAt, nullable: true).Description("When it was withdrawn (UTC); null while current.");
        Field<UserGraphType>("withdrawnBy").Description("The staff member who recorded the withdrawal.")
            .Resolve(ctx => ctx.Loaders().ById<User>(ctx.Source.WithdrawnById));
        Field(c => c.WithdrawalEvidence, nullable: true).Description("How the withdrawal reached the firm.");
        Field(c => c.IsCurrent).Description("Given and not withdrawn.");
        this.AddHistory(AuditedRecords.Consents);
    }
}

/// <summary>A downloadable file: an export of everything held about a client.</summary>
public sealed class ExportFileGraphType : ObjectGraphType<ExportFile>
{
    public ExportFileGraphType()
    {
        Name = "ExportFile";
        Description = "A machine-readable file (JSON or CSV), as its text.";
        Field(f => f.FileName);
        Field(f => f.ContentType);
        Field(f => f.Content).Description("The file's UTF-8 text.");
    }
}
