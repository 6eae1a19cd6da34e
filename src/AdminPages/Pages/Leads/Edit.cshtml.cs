using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Leads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Leads;

/// <summary>Edits an open reference's details, as of the version the user opened.</summary>
[Authorize]
public sealed class EditModel(CrmDbContext db, LeadWorkflow workflow, Choices choices, History history) : RecordPage(db, history)
{
    public Lead Lead { get; private set; } = null!;
    public List<SelectListItem> Products { get; private set; } = [];

    [BindProperty] public LeadForm Input { get; set; } = new();

    public Task<IActionResult> OnPostAsync(long id, CancellationToken ct) =>
        EditAsync(id, "Input", Input, "Reference saved.", () => workflow.UpdateAsync(id, Version, Input.ToDetails(), ct),
            () => Input, () => LeadForm.From(Lead), ct);

    protected override string PathOf(long id) => $"/leads/{id}";

    protected override async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var lead = await Db.Leads.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return false;
        Lead = lead;
        Opened(lead);
        if (Request.Method == HttpMethods.Get) Input = LeadForm.From(lead);
        Products = await choices.ProductsAsync(Input.ProductId, sellableOnly: true, ct);
        return true;
    }
}
