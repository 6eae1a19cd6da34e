using System.ComponentModel.DataAnnotations;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.ServiceRequests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.ServiceRequests;

/// <summary>One service request: assign it, and move it along the transitions its status allows.</summary>
[Authorize]
public sealed class DetailsModel(CrmDbContext db, ServiceDesk desk, Choices choices, History history) : PageModel
{
    public ServiceRequest Item { get; private set; } = null!;
    public IReadOnlyList<HistoryLine> Changes { get; private set; } = [];
    public bool HistoryVisible => history.Visible;
    public List<SelectListItem> Staff { get; private set; } = [];

    [BindProperty] public long Version { get; set; }
    [BindProperty] public long? UserId { get; set; }
    [BindProperty] public MoveForm Move { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) =>
        RunAsync(id, "UserId", this, "Assigned.", () => desk.AssignAsync(id, Version, UserId ?? 0, ct), ct);

    public Task<IActionResult> OnPostMoveAsync(long id, CancellationToken ct) =>
        RunAsync(id, "Move", Move, $"Moved to {Display.Labels.Text(Move.Status)}.", () => desk.MoveAsync(id, Version, Move.Status, Move.Reason, ct), ct);

    private async Task<IActionResult> RunAsync(long id, string prefix, object form, string done, Func<Task<ServiceRequest>> action, CancellationToken ct)
    {
        if (ModelState.IsValidFor(prefix))
        {
            try
            {
                await action();
                TempData["Flash"] = done;
                return Redirect($"/service-requests/{id}");
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
        var request = await db.ServiceRequests.AsNoTracking().Include(r => r.Client).Include(r => r.AssignedUser)
            .FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return false;
        Item = request;
        Version = request.Version;
        ModelState.Remove(nameof(Version));
        Changes = await history.OfAsync("service_requests", id, ct);
        Staff = await choices.StaffAsync(request.AssignedUserId, ct);
        return true;
    }
}

public sealed class MoveForm
{
    [Display(Name = "New status")] public ServiceRequestStatus Status { get; set; }
    [StringLength(1000), Display(Name = "Reason (needed to reject)")] public string? Reason { get; set; }
}
