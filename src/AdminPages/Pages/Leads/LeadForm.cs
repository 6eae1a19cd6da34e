using System.ComponentModel.DataAnnotations;
using JlnbCrm.Domain;
using JlnbCrm.Leads;

namespace JlnbCrm.AdminPages.Pages.Leads;

/// <summary>
/// The add-reference form. The annotations give instant feedback in the browser; the domain
/// (<see cref="Lead"/>) re-checks everything and has the last word.
/// </summary>
public sealed class LeadForm
{
    [Required(ErrorMessage = "Prospect name is required."), StringLength(200), Display(Name = "Prospect name")]
    public string ProspectName { get; set; } = "";

    [Phone, Display(Name = "Mobile")]
    public string? Mobile { get; set; }

    [EmailAddress, Display(Name = "Email")]
    public string? Email { get; set; }

    [RegularExpression(JlnbCrm.Domain.Pan.Pattern, ErrorMessage = "PAN must be five letters, four digits and a letter (e.g. ABCDE1234F)."), Display(Name = "PAN (if known)")]
    public string? Pan { get; set; }

    [StringLength(200), Display(Name = "Reference given by")]
    public string? RefGivenBy { get; set; }

    [Display(Name = "Referring client id")]
    public long? RefGivenByClientId { get; set; }

    [Required(ErrorMessage = "Choose how the prospect was reached."), Display(Name = "Mode of communication")]
    public ModeOfCommunication? ModeOfCommunication { get; set; }

    [Required(ErrorMessage = "Choose the product of interest."), Display(Name = "Product of interest")]
    public long? ProductId { get; set; }

    [Display(Name = "Obtained by")]
    public long? RefObtainedById { get; set; }

    [StringLength(2000), Display(Name = "Notes")]
    public string? Notes { get; set; }

    public LeadDetails ToDetails() => new(ProspectName, Mobile, Email, Pan, RefGivenBy,
        ModeOfCommunication ?? default, ProductId ?? 0, RefGivenByClientId, Notes);

    /// <summary>The reference as saved (who obtained it is not edited here).</summary>
    public static LeadForm From(Lead l) => new()
    {
        ProspectName = l.ProspectName, Mobile = l.Mobile, Email = l.Email, Pan = l.Pan, RefGivenBy = l.RefGivenBy,
        RefGivenByClientId = l.RefGivenByClientId, ModeOfCommunication = l.ModeOfCommunication, ProductId = l.ProductId, Notes = l.Notes,
    };
}
