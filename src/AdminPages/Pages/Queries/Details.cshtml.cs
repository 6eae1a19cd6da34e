using System.ComponentModel.DataAnnotations;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.ClientQueries;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Queries;

/// <summary>One client query: assign, start, resolve (logs a Query Resolution interaction) or close.</summary>
[Authorize]
public sealed class DetailsModel(CrmDbContext db, ClientQueryDesk desk, Choices choices, History history) : PageModel
{
    public ClientQuery Item { get; private set; } = null!;
    public IReadOnlyList<HistoryLine> Changes { get; private set; } = [];
    public bool HistoryVisible => history.Visible;
    public List<SelectListItem> Staff { get; private set; } = [];

    [BindProperty] public long Version { get; set; }
    [BindProperty] public long? RmId { get; set; }
    [BindProperty] public ResolutionForm Answer { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) =>
        RunAsync(id, "RmId", this, "Assigned.", () => desk.AssignAsync(id, Version, RmId ?? 0, ct), ct);

    public Task<IActionResult> OnPostStartAsync(long id, CancellationToken ct) =>
        RunAsync(id, "Version", this, "Query in progress.", () => desk.StartAsync(id, Version, ct), ct);

    public Task<IActionResult> OnPostResolveAsync(long id, CancellationToken ct) =>
        RunAsync(id, "Answer", Answer, "Query resolved.", () => desk.ResolveAsync(id, Version, Answer.Resolution, ct), ct);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) =>
        RunAsync(id, "Answer", Answer, "Query closed.", () => desk.CloseAsync(id, Version, Answer.Resolution, ct), ct);

    private async Task<IActionResult> RunAsync(long id, string prefix, object form, string done, Func<Task<ClientQuery>> action, CancellationToken ct)
    {
        if (ModelState.IsValidFor(prefix))
        {
            try
            {
                await action();
                TempData["Flash"] = done;
                return Redirect($"/queries/{id}");
            }
            catch (RuleViolationException refusal)
            {
                db.ChangeTracker.Clear();
                ModelState.AddRuleErrors(refusal, form, form == this ? "" : prefix);
            }
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var query = await db.ClientQueries.AsNoTracking().Include(q => q.Client).Include(q => q.AssignedRm).FirstOrDefaultAsync(q => q.Id == id, ct);
        if (query is null) return false;
        Item = query;
        Version = query.Version;
        ModelState.Remove(nameof(Version));
        Changes = await history.OfAsync("queries", id, ct);
        Staff = await choices.StaffAsync(query.AssignedRmId, ct);
        return true;
    }
}

public sealed class ResolutionForm
{
    [StringLength(4000), Display(Name = "Resolution")] public string? Resolution { get; set; }
}
