using JlnbCrm.Access;
using JlnbCrm.AdminPages.Display;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Clients;

/// <summary>Creates a client (no id) or edits one, as of the version the user opened.</summary>
[Authorize]
public sealed class EditModel(CrmDbContext db, ClientService clients, Choices choices, ICurrentActor actor) : PageModel
{
    [BindProperty] public ClientForm Input { get; set; } = new();
    [BindProperty] public long Version { get; set; }

    public long? Id { get; private set; }
    public ConflictView? Conflict { get; private set; }
    public List<SelectListItem> Staff { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var client = await db.Clients.AsNoTracking().Include(c => c.AssignedRm).FirstOrDefaultAsync(c => c.Id == existing, ct);
            if (client is null) return NotFound();
            if (!actor.MayEditClient(client)) return Forbid(); // seen (e.g. through a request) is not editable
            Input = ClientForm.From(client);
            Version = client.Version;
        }
        else Input.RmId = actor.UserId;
        Staff = await choices.StaffAsync(Input.RmId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        Id = id;
        if (ModelState.IsValid)
        {
            try
            {
                var client = id is { } existing
                    ? await clients.UpdateAsync(existing, Version, Input.ToDetails(), ct)
                    : await clients.CreateAsync(Input.ToDetails(), Input.RmId, ct);
                TempData["Flash"] = id is null ? $"Client {client.Name} created." : "Client saved.";
                return Redirect($"/clients/{client.Id}");
            }
            catch (RuleViolationException refusal)
            {
                db.ChangeTracker.Clear();
                ModelState.AddRuleErrors(refusal, Input);
                if (refusal.IsConflict() && id is { } changed) await ShowConflictAsync(changed, ct);
            }
        }
        Staff = await choices.StaffAsync(Input.RmId, ct);
        return Page();
    }

    /// <summary>Shows what the other person saved; the next save is against their version.</summary>
    private async Task ShowConflictAsync(long id, CancellationToken ct)
    {
        var saved = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == id, ct);
        Conflict = ConflictView.Between(saved.UpdatedAt.Show(), saved.Details, Input.ToDetails());
        Version = saved.Version;
        ModelState.Remove(nameof(Version));
    }
}
