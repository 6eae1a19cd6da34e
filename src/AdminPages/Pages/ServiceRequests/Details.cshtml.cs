using System.ComponentModel.DataAnnotations;
using JlnbCrm.Access;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Deleting;
using JlnbCrm.Domain;
using JlnbCrm.ServiceRequests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.ServiceRequests;

/// <summary>
/// One service request: assign it within its desk, move it along the transitions its status allows, reopen it. Every
/// action shown is one RecordRights allows this person (no rule lives here).
/// </summary>
[Authorize]
public sealed class DetailsModel(CrmDbContext db, ServiceDesk desk, RecordDeletion deletion, History history, ICurrentActor actor)
    : RecordPage(db, history), IDeletablePage
{
    public ServiceRequest Item { get; private set; } = null!;
    /// <summary>Whether the actions are offered: seeing a request is not the right to work it.</summary>
    public bool MayWork => actor.MayWorkServiceRequest(Item);
    public bool MayAssign => actor.MayAssignServiceRequest(Item);
    public bool MayReopen => actor.MayReopenServiceRequest(Item);
    /// <summary>The people of the request's desk this person may give it to.</summary>
    public List<SelectListItem> Staff { get; private set; } = [];

    [BindProperty] public long? UserId { get; set; }
    [BindProperty] public MoveForm Move { get; set; } = new();
    [BindProperty] public RequestEditForm Edit { get; set; } = new();

    public Task<IActionResult> OnPostEditAsync(long id, CancellationToken ct) =>
        EditAsync(id, "Edit", Edit, "Request saved.", () => desk.UpdateAsync(id, Version, Edit.Type, Edit.Details, ct),
            () => Edit, () => RequestEditForm.From(Item), ct);

    [BindProperty, StringLength(1000), Display(Name = "Why reopen it")] public string? ReopenReason { get; set; }

    public Task<IActionResult> OnPostReopenAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(ReopenReason), this, "Reopened.", () => desk.ReopenAsync(id, Version, ReopenReason ?? "", ct), ct);

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(UserId), this, "Assigned.", () => desk.AssignAsync(id, Version, UserId ?? 0, ct), ct);

    public Task<IActionResult> OnPostMoveAsync(long id, CancellationToken ct) =>
        RunAsync(id, "Move", Move, $"Moved to {Display.Labels.Text(Move.Status)}.", () => desk.MoveAsync(id, Version, Move.Status, Move.Reason, ct), ct);

    public bool MayDelete => actor.MayDelete(Item);
    public string DeleteWhat => "this service request";
    [BindProperty] public DeleteForm Delete { get; set; } = new();

    public Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(Delete), Delete, async () =>
        {
            var message = $"Service request #{id} deleted.";
            await deletion.DeleteServiceRequestAsync(id, Version, Delete.Reason, ct);
            return new Done(message, "/service-requests");
        }, ct);

    protected override string PathOf(long id) => $"/service-requests/{id}";

    protected override async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var request = await Db.ServiceRequests.AsNoTracking().Include(r => r.Client).ThenInclude(c => c!.AssignedRm).Include(r => r.AssignedUser)
            .Include(r => r.Desk).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return false;
        Item = request;
        Opened(request);
        if (Request.Method == HttpMethods.Get) Edit = RequestEditForm.From(request);
        await ReadHistoryAsync("service_requests", id, ct);
        Staff = (await Db.Users.AsNoTracking().Where(u => u.IsActive && u.TeamId == request.DeskId).OrderBy(u => u.Name)
                .ToListAsync(ct))
            .Where(u => actor.MayAssignServiceRequest(request, u))
            .Select(u => new SelectListItem(u.Name, u.Id.ToString(), u.Id == request.AssignedUserId)).ToList();
        return true;
    }
}

public sealed class MoveForm
{
    [Display(Name = "New status")] public ServiceRequestStatus Status { get; set; }
    [StringLength(1000), Display(Name = "Reason (needed to reject)")] public string? Reason { get; set; }
}

/// <summary>What a request's editor may correct: the details, and the type while it is Pending.</summary>
public sealed class RequestEditForm
{
    [Required(ErrorMessage = "Choose the request type."), Display(Name = "Request type")] public ServiceRequestType? Type { get; set; }
    [Required(ErrorMessage = "Describe the request."), StringLength(4000), Display(Name = "Details")] public string? Details { get; set; }

    public static RequestEditForm From(ServiceRequest r) => new() { Type = r.Type, Details = r.Details };
}
