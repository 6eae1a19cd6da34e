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
    /// <summary>
    /// The viewer sees this client's PAN and account id masked (<see cref="Client.Protected"/>): the form shows them
    /// read-only and never posts them, and a save keeps the stored values instead of anything posted for them.
    /// </summary>
    public bool IdentifiersMasked { get; private set; }
    public ConflictView? Conflict { get; private set; }
    public List<SelectListItem> Staff { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var client = await ReadAsync(existing, ct);
            if (client is null) return NotFound();
            if (!actor.MayEditClient(client)) return Forbid(); // seen (e.g. through a request) is not editable
            Input = ClientForm.From(client.DetailsAsSeenBy(actor), client.AssignedRmId);
            Version = client.Version;
        }
        else Input.RmId = actor.UserId;
        Staff = await choices.StaffAsync(Input.RmId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        Id = id;
        var stored = id is { } editing ? await ReadAsync(editing, ct) : null;
        if (id is not null && stored is null) return NotFound();
        if (IdentifiersMasked)
        {
            // Whatever was posted for fields this viewer cannot see is ignored: the stored values are kept.
            ModelState.Remove($"{nameof(Input)}.{nameof(ClientForm.Pan)}");
            ModelState.Remove($"{nameof(Input)}.{nameof(ClientForm.AccountId)}");
            Input.Pan = stored!.Pan;
            Input.AccountId = stored.AccountId;
        }
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
        if (IdentifiersMasked) HideIdentifiers(stored!);
        Staff = await choices.StaffAsync(Input.RmId, ct);
        return Page();
    }

    /// <summary>The client with its RM (whose team decides, for a head, whether the identifiers are masked).</summary>
    private async Task<Client?> ReadAsync(long id, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().Include(c => c.AssignedRm).FirstOrDefaultAsync(c => c.Id == id, ct);
        IdentifiersMasked = client is not null && !Client.Protected.Pan.SeesInFull(actor, client);
        return client;
    }

    /// <summary>Puts the masked values back before the form is shown again, so the page never carries the clear ones.</summary>
    private void HideIdentifiers(Client stored)
    {
        var seen = stored.DetailsAsSeenBy(actor);
        Input.Pan = seen.Pan;
        Input.AccountId = seen.AccountId;
    }

    /// <summary>Shows what the other person saved; the next save is against their version.</summary>
    private async Task ShowConflictAsync(long id, CancellationToken ct)
    {
        var saved = await db.Clients.AsNoTracking().Include(c => c.AssignedRm).FirstAsync(c => c.Id == id, ct);
        var yours = Input.ToDetails();
        Conflict = IdentifiersMasked
            ? ConflictView.Between(saved.UpdatedAt.Show(), saved.DetailsAsSeenBy(actor),
                yours with { Pan = Client.Protected.Pan.Mask(yours.Pan)!, AccountId = Client.Protected.AccountId.Mask(yours.AccountId) })
            : ConflictView.Between(saved.UpdatedAt.Show(), saved.Details, yours);
        Version = saved.Version;
        ModelState.Remove(nameof(Version));
    }
}
