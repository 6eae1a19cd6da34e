using System.ComponentModel.DataAnnotations;
using JlnbCrm.Access;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Deleting;
using JlnbCrm.Domain;
using JlnbCrm.Leads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Leads;

/// <summary>One reference: its details, history and the workflow actions its status allows.</summary>
[Authorize]
public sealed class DetailsModel(CrmDbContext db, LeadWorkflow workflow, Choices choices, RecordDeletion deletion, History history, ICurrentActor actor)
    : RecordPage(db, history), IDeletablePage
{
    public Lead Lead { get; private set; } = null!;
    /// <summary>Whether the workflow actions are offered: seeing a reference is not the right to work it.</summary>
    public bool MayEdit => actor.MayEditLead(Lead);
    public List<SelectListItem> Staff { get; private set; } = [];

    [BindProperty] public DenyForm Deny { get; set; } = new();
    [BindProperty] public ConvertForm Convert { get; set; } = new();
    [BindProperty] public long? RmId { get; set; }

    public Task<IActionResult> OnPostWipAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(Version), this, "Moved to WIP.", () => workflow.MoveToWipAsync(id, Version, ct), ct);

    public Task<IActionResult> OnPostDenyAsync(long id, CancellationToken ct) =>
        RunAsync(id, "Deny", Deny, "Reference denied.", () => workflow.DenyAsync(id, Version, Deny.Reason, ct), ct);

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(RmId), this, "Conversion RM assigned.", () => workflow.AssignConversionRmAsync(id, Version, RmId ?? 0, ct), ct);

    public Task<IActionResult> OnPostConvertAsync(long id, CancellationToken ct) =>
        RunAsync(id, "Convert", Convert, async () =>
        {
            var done = await workflow.ConvertAsync(id, Version, Convert.ToDetails(), ct);
            return new Done(done.CreatedClient
                ? $"Converted: new client {done.Client.Name} created."
                : $"Converted: linked to existing client {done.Client.Name} (same PAN).", $"/clients/{done.Client.Id}");
        }, ct);

    public bool MayDelete => actor.MayDelete(Lead);
    public string DeleteWhat => "this reference";
    [BindProperty] public DeleteForm Delete { get; set; } = new();

    public Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(Delete), Delete, async () =>
        {
            var message = $"Reference #{id} deleted.";
            await deletion.DeleteLeadAsync(id, Version, Delete.Reason, ct);
            return new Done(message, "/leads");
        }, ct);

    protected override string PathOf(long id) => $"/leads/{id}";

    protected override async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var lead = await Db.Leads.AsNoTracking().Include(l => l.Product).Include(l => l.RefObtainedBy).Include(l => l.ConversionRm)
            .Include(l => l.ConvertedClient).Include(l => l.RefGivenByClient).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return false;
        Lead = lead;
        Opened(lead);
        await ReadHistoryAsync("leads", id, ct);
        Staff = await choices.StaffAsync(lead.ConversionRmId, ct);
        Convert.Name ??= lead.ProspectName;
        Convert.Pan ??= lead.Pan;
        return true;
    }
}

public sealed class DenyForm
{
    [Required(ErrorMessage = "A reason is required to deny a reference."), StringLength(1000), Display(Name = "Reason")]
    public string? Reason { get; set; }
}

/// <summary>What the converting RM confirms; a PAN is needed if the reference has none.</summary>
public sealed class ConvertForm
{
    [RegularExpression(JlnbCrm.Domain.Pan.Pattern, ErrorMessage = "PAN must be five letters, four digits and a letter (e.g. ABCDE1234F)."), Display(Name = "PAN")]
    public string? Pan { get; set; }
    [StringLength(200), Display(Name = "Client name")] public string? Name { get; set; }
    [StringLength(40), Display(Name = "Account id (optional)")] public string? AccountId { get; set; }
    [StringLength(500), Display(Name = "Address")] public string? Address { get; set; }
    [DataType(DataType.Date), Display(Name = "Date of birth")] public DateOnly? DateOfBirth { get; set; }
    [StringLength(2000), Display(Name = "Notes")] public string? Notes { get; set; }

    public ConversionDetails ToDetails() => new(Pan, Name, AccountId, Address, DateOfBirth, Notes);
}
