namespace JlnbCrm.Consents;

/// <summary>
/// The clients who withdrew marketing consent and have not given it again: the one definition of "opted out of
/// marketing", as a view. Every cross-sell path reads it: the reference (lead) row filter hides an opted-out client's
/// cross-sell references from every list, connection, export and count, and a portfolio review may not create new ones
/// (<see cref="ConsentBook.RequireMayCrossSellAsync"/>). On PostgreSQL the view runs with its owner's rights, like
/// <see cref="Access.ClientOwner"/>: whoever sees a cross-sell reference has it hidden even when they no longer see the
/// client (and so its consents); it exposes only client ids. A client with no marketing record at all is not opted
/// out: the firm's existing book predates the register, and opting out is what the Act's withdrawal right protects.
/// </summary>
public sealed class MarketingOptOut
{
    public const string View = "marketing_opt_outs";

    public const string CreateView = $"""
        CREATE VIEW {View} AS SELECT DISTINCT w.client_id FROM consents AS w
          WHERE w.purpose = 'Marketing' AND w.withdrawn_at IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM consents AS g WHERE g.client_id = w.client_id AND g.purpose = 'Marketing'
              AND g.withdrawn_at IS NULL);
        """;

    public const string DropView = $"DROP VIEW IF EXISTS {View};";

    public long ClientId { get; private set; }
}
