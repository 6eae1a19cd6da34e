using System.ComponentModel.DataAnnotations;
using JlnbCrm.Interactions;
using JlnbCrm.Kyc;
using JlnbCrm.ServiceRequests;

namespace JlnbCrm.AdminPages.Pages.Clients;

public sealed class HoldingForm
{
    [Required(ErrorMessage = "Choose a product."), Display(Name = "Product")] public long? ProductId { get; set; }
    [DataType(DataType.Date), Display(Name = "Subscribed on")] public DateOnly? SubscribedOn { get; set; }
}

/// <summary>Logging an interaction; a Portfolio Review may tick products to cross-sell (each becomes a reference).</summary>
public sealed class InteractionForm
{
    [Required(ErrorMessage = "Choose the kind of interaction."), Display(Name = "Type")] public InteractionType? Type { get; set; }
    [Required(ErrorMessage = "Say what was discussed."), StringLength(4000), Display(Name = "Details")] public string? Details { get; set; }
    [Display(Name = "Related product")] public long? RelatedProductId { get; set; }
    [Display(Name = "Related query")] public long? RelatedQueryId { get; set; }
    [Display(Name = "Cross-sell")] public List<long> CrossSellProductIds { get; set; } = [];

    public InteractionEntry ToEntry(long clientId) =>
        new(clientId, Type ?? default, Details ?? "", null, RelatedProductId, RelatedQueryId, CrossSellProductIds);
}

public sealed class QueryForm
{
    [Required(ErrorMessage = "Describe the client's query."), StringLength(4000), Display(Name = "Query")] public string? Details { get; set; }
    /// <summary>Who answers; none chosen means the client's RM (naming someone else is an assignment, with its rules).</summary>
    [Display(Name = "Assign to")] public long? AssignedRmId { get; set; }
}

public sealed class RequestForm
{
    [Required(ErrorMessage = "Choose the request type."), Display(Name = "Request type")] public ServiceRequestType? Type { get; set; }
    [Required(ErrorMessage = "Describe the request."), StringLength(4000), Display(Name = "Details")] public string? Details { get; set; }
    [Display(Name = "Assign to")] public long? AssignedUserId { get; set; }
}

/// <summary>Starting a household headed by this client, or joining one the user sees.</summary>
public sealed class HouseholdForm
{
    [StringLength(200), Display(Name = "New household's name")] public string? Name { get; set; }
    [Display(Name = "Household")] public long? HouseholdId { get; set; }
}

/// <summary>Recording a client's consent to one purpose, with how it was obtained.</summary>
public sealed class GiveConsentForm
{
    [Required(ErrorMessage = "Choose the purpose."), Display(Name = "Purpose")] public JlnbCrm.Consents.ConsentPurpose? Purpose { get; set; }
    [Required(ErrorMessage = "Say how consent was obtained."), StringLength(JlnbCrm.Consents.Consent.EvidenceLength),
     Display(Name = "Evidence")] public string? Evidence { get; set; }
}

/// <summary>Recording that a client withdrew a consent (the version guards against a withdrawal recorded meanwhile).</summary>
public sealed class WithdrawConsentForm
{
    [Required] public long? ConsentId { get; set; }
    [Required] public long? ConsentVersion { get; set; }
    [Required(ErrorMessage = "Say how the withdrawal reached the firm."), StringLength(JlnbCrm.Consents.Consent.EvidenceLength),
     Display(Name = "How it reached us")] public string? Evidence { get; set; }
}

/// <summary>Recording what the KRA shows for the client (the date defaults to today).</summary>
public sealed class KycForm
{
    [Required(ErrorMessage = "Choose the KYC status."), Display(Name = "KYC status")] public KycStatus? Status { get; set; }
    [DataType(DataType.Date), Display(Name = "Checked on")] public DateOnly? CheckedOn { get; set; }
}
