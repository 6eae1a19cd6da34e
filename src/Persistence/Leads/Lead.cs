using JlnbCrm.Clients;
using JlnbCrm.Domain;
using JlnbCrm.Interactions;
using JlnbCrm.Products;
using JlnbCrm.Users;

namespace JlnbCrm.Leads;

/// <summary>
/// A reference: a prospect someone gave the firm. It moves New → WIP → Converted, or is Denied with a
/// reason; once Converted or Denied it is closed. Its status only changes through the methods below.
/// </summary>
public sealed class Lead : Entity
{
    private Lead() { }

    public Lead(LeadDetails details, long refObtainedById, long? originInteractionId = null)
    {
        Update(details);
        RefObtainedById = refObtainedById;
        OriginInteractionId = originInteractionId;
        Status = LeadStatus.New;
    }

    public string ProspectName { get; private set; } = "";
    public string? Mobile { get; private set; }
    public string? Email { get; private set; }
    public string? Pan { get; private set; }
    public long RefObtainedById { get; private set; }
    public User? RefObtainedBy { get; private set; }
    public string? RefGivenBy { get; private set; }
    public long? RefGivenByClientId { get; private set; }
    public Client? RefGivenByClient { get; private set; }
    public long? ConversionRmId { get; private set; }
    public User? ConversionRm { get; private set; }
    public ModeOfCommunication ModeOfCommunication { get; private set; }
    public long ProductId { get; private set; }
    public Product? Product { get; private set; }
    public string? Notes { get; private set; }
    public LeadStatus Status { get; private set; }
    public string? DenialReason { get; private set; }
    public long? ConvertedClientId { get; private set; }
    public Client? ConvertedClient { get; private set; }
    public long? OriginInteractionId { get; private set; }
    public Interaction? OriginInteraction { get; private set; }

    public bool IsOpen => Status is LeadStatus.New or LeadStatus.Wip;

    public LeadDetails Details => new(ProspectName, Mobile, Email, Pan, RefGivenBy, ModeOfCommunication, ProductId, RefGivenByClientId, Notes);

    public void Update(LeadDetails details)
    {
        EnsureOpen("edit");
        ProspectName = Guard.Required(details.ProspectName, "prospectName", 200);
        Mobile = Guard.Mobile(details.Mobile, "mobile");
        Email = Guard.Email(details.Email, "email");
        Pan = Domain.Pan.ParseOptional(details.Pan);
        RefGivenBy = Guard.Optional(details.RefGivenBy, "refGivenBy", 200);
        RefGivenByClientId = details.RefGivenByClientId;
        ModeOfCommunication = Enum.IsDefined(details.ModeOfCommunication) ? details.ModeOfCommunication
            : throw new RuleViolationException(ErrorCodes.Invalid, "Unknown mode of communication.", "modeOfCommunication");
        ProductId = details.ProductId;
        Notes = Guard.Optional(details.Notes, "notes", 2000);
        if (Mobile is null && Email is null)
            throw new RuleViolationException(ErrorCodes.Required, "A reference needs a mobile number or an email to reach the prospect.", "mobile");
    }

    public void MoveToWip()
    {
        if (Status != LeadStatus.New)
            throw Illegal("move to WIP", "only a New reference can move to WIP");
        Status = LeadStatus.Wip;
    }

    public void Deny(string? reason)
    {
        EnsureOpen("deny");
        DenialReason = Guard.Optional(reason, "reason", 1000)
            ?? throw new RuleViolationException(ErrorCodes.Required, "A reason is required to deny a reference.", "reason");
        Status = LeadStatus.Denied;
    }

    public void AssignConversionRm(User rm)
    {
        EnsureOpen("reassign");
        if (!rm.IsActive)
            throw new RuleViolationException(ErrorCodes.Invalid, $"{rm.Name} is inactive and cannot convert references.", "rmId");
        ConversionRmId = rm.Id;
        ConversionRm = rm;
    }

    /// <summary>Marks the reference converted into <paramref name="client"/>; only an open reference converts.</summary>
    public void Convert(Client client)
    {
        EnsureConvertible();
        ConvertedClient = client;
        Status = LeadStatus.Converted;
    }

    /// <summary>Refuses early, before a conversion creates anything, if this reference cannot convert.</summary>
    public void EnsureConvertible() => EnsureOpen("convert");

    /// <summary>Who becomes the client's RM: the conversion RM if one is assigned, else whoever obtained it.</summary>
    public long ConvertingRmId => ConversionRmId ?? RefObtainedById;

    /// <summary>The same person, when the reference was loaded with its people (null otherwise).</summary>
    public User? ConvertingRm => ConversionRmId is null ? RefObtainedBy : ConversionRm;

    private void EnsureOpen(string action)
    {
        if (!IsOpen)
            throw Illegal(action, $"the reference is already {EnumText<LeadStatus>.ToText(Status)}");
    }

    private static RuleViolationException Illegal(string action, string why) =>
        new(ErrorCodes.IllegalTransition, $"Cannot {action} this reference: {why}.", "status");
}

/// <summary>The editable fields of a reference, as the add-reference form or createLead supplies them.</summary>
public sealed record LeadDetails(
    string ProspectName, string? Mobile, string? Email, string? Pan, string? RefGivenBy,
    ModeOfCommunication ModeOfCommunication, long ProductId, long? RefGivenByClientId = null, string? Notes = null);
