using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Domain;
using JlnbCrm.Leads;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace JlnbCrm.AdminPages.Pages.Leads;

[Authorize]
public sealed class NewModel(LeadWorkflow workflow, LeadDuplicates duplicates, Choices choices, ICurrentActor actor) : PageModel
{
    [BindProperty] public LeadForm Input { get; set; } = new();

    /// <summary>Ticked after the form showed possible duplicates: the user has checked them and adds the reference.</summary>
    [BindProperty] public bool AddAnyway { get; set; }

    /// <summary>
    /// The clients and open references this one may duplicate, linked beside the fields they match, and the fields that
    /// match only records the user may not see (flagged without a link).
    /// </summary>
    public DuplicateFindings Duplicates { get; private set; } = new([], []);

    public List<SelectListItem> Staff { get; private set; } = [];
    public List<SelectListItem> Products { get; private set; } = [];

    public async Task OnGetAsync(long? refGivenByClientId, CancellationToken ct)
    {
        Input.RefGivenByClientId = refGivenByClientId;
        Input.RefObtainedById = actor.UserId;
        await LoadChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var lead = await workflow.CreateAsync(Input.ToDetails(), Input.RefObtainedById, AddAnyway, ct);
                TempData["Flash"] = $"Reference {lead.ProspectName} added.";
                return Redirect($"/leads/{lead.Id}");
            }
            catch (RuleViolationException refusal)
            {
                ModelState.AddRuleErrors(refusal, Input);
                if (refusal.Errors.Any(e => e.Code == ErrorCodes.PossibleDuplicate))
                    Duplicates = await duplicates.FindAsync(Pan.ParseOptional(Input.Pan), Input.Mobile, ct);
                // The refusal already audited any hidden match; this second look only fetches the links to show.
            }
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Staff = await choices.StaffAsync(Input.RefObtainedById, ct);
        Products = await choices.ProductsAsync(Input.ProductId, sellableOnly: true, ct);
    }
}
