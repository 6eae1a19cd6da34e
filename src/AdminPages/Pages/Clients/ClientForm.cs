using System.ComponentModel.DataAnnotations;
using JlnbCrm.Clients;

namespace JlnbCrm.AdminPages.Pages.Clients;

/// <summary>The client form: PAN compulsory and checked in the browser; the domain re-checks all of it.</summary>
public sealed class ClientForm
{
    [Required(ErrorMessage = "Name is required."), StringLength(200), Display(Name = "Name")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "PAN is required."), Display(Name = "PAN"),
     RegularExpression(JlnbCrm.Domain.Pan.Pattern, ErrorMessage = "PAN must be five letters, four digits and a letter (e.g. ABCDE1234F).")]
    public string Pan { get; set; } = "";

    [StringLength(40), Display(Name = "Account id (optional)")] public string? AccountId { get; set; }
    [Phone, Display(Name = "Mobile")] public string? Mobile { get; set; }
    [EmailAddress, Display(Name = "Email")] public string? Email { get; set; }
    [StringLength(500), Display(Name = "Address")] public string? Address { get; set; }
    [DataType(DataType.Date), Display(Name = "Date of birth")] public DateOnly? DateOfBirth { get; set; }
    [DataType(DataType.Date), Display(Name = "Anniversary")] public DateOnly? Anniversary { get; set; }
    [Display(Name = "Review frequency")] public ReviewFrequency ReviewFrequency { get; set; }
    [DataType(DataType.Date), Display(Name = "Next review")] public DateOnly? NextReviewOn { get; set; }
    [Display(Name = "Relationship manager")] public long? RmId { get; set; }

    public ClientDetails ToDetails() =>
        new(Name, Pan, AccountId, Mobile, Email, Address, DateOfBirth, Anniversary, ReviewFrequency, NextReviewOn);

    /// <summary>The form for a client as <paramref name="details"/> show it (the viewer's view: masked if they see it so).</summary>
    public static ClientForm From(ClientDetails details, long rmId) => new()
    {
        Name = details.Name, Pan = details.Pan, AccountId = details.AccountId, Mobile = details.Mobile, Email = details.Email,
        Address = details.Address, DateOfBirth = details.DateOfBirth, Anniversary = details.Anniversary,
        ReviewFrequency = details.ReviewFrequency, NextReviewOn = details.NextReviewOn, RmId = rmId,
    };
}
