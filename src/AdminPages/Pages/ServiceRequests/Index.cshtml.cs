using JlnbCrm.AdminPages.Csv;
using JlnbCrm.AdminPages.Display;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Paging;
using JlnbCrm.ServiceLevels;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Domain;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.ServiceRequests;

/// <summary>
/// The operations queue: the service requests this user may see, soonest due first by default. Operations staff land
/// on their desk's queue (its unassigned requests and theirs; a head's whole desk), and may pick any desk or all.
/// </summary>
[Authorize]
public sealed class IndexModel(CrmDbContext db, Choices choices, ICurrentActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Desk { get; set; }
    [BindProperty(SupportsGet = true)] public ServiceRequestStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public ServiceRequestType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public long? Assignee { get; set; }
    [BindProperty(SupportsGet = true)] public bool Unassigned { get; set; }
    [BindProperty(SupportsGet = true)] public int? Age { get; set; }
    [BindProperty(SupportsGet = true)] public SlaState? Sla { get; set; }
    [BindProperty(SupportsGet = true)] public string? Client { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public KeysetPage<ServiceRequest> Requests { get; private set; } = null!;
    public PagerModel Pager { get; private set; } = null!;
    public List<SelectListItem> Staff { get; private set; } = [];
    public List<SelectListItem> Desks { get; private set; } = [];
    public DateTime Now => db.UtcNow;
    public ListSort Sorting => new(Sort, "due", Columns); // the queue works soonest-due first

    private static readonly Dictionary<string, SortKey> Columns = new()
    {
        ["id"] = SortKey.Id, ["created"] = SortKey.Ascending<DateTime>(nameof(ServiceRequest.CreatedAt)),
        ["due"] = SortKey.Ascending<DateTime>(nameof(ServiceRequest.DueAt)),
        ["type"] = SortKey.Ascending<ServiceRequestType>(nameof(ServiceRequest.Type)),
        ["status"] = SortKey.Ascending<ServiceRequestStatus>(nameof(ServiceRequest.Status)),
        ["client"] = SortKey.Ascending<string>($"{nameof(ServiceRequest.Client)}.{nameof(JlnbCrm.Clients.Client.Name)}"),
        ["desk"] = SortKey.Ascending<string>($"{nameof(ServiceRequest.Desk)}.{nameof(Team.Name)}"),
        // Unassigned requests have no name: they sort last either way (the pager's nulls-last rule).
        ["assignee"] = SortKey.Ascending<string>($"{nameof(ServiceRequest.AssignedUser)}.{nameof(JlnbCrm.Users.User.Name)}"),
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var desks = await db.Teams.AsNoTracking().Where(t => t.Kind == TeamKind.Operations).OrderBy(t => t.Name).ToListAsync(ct);
        // No desk in the address (a fresh visit, "Clear"): a desk's own people start from its queue.
        if (!Request.Query.ContainsKey("desk") && desks.Any(d => d.Id == actor.TeamId)) Desk = actor.TeamId;
        Desks = desks.Select(d => new SelectListItem(d.Name, d.Id.ToString(), d.Id == Desk)).ToList();
        Requests = await Keyset.PageAsync(Filtered(), Sorting.Keys, PageQuery.From(After, Before), ct);
        Pager = PagerModel.For(Requests, FilterValues());
        Staff = await choices.StaffAsync(Assignee, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = ListExport.AllAsync(Filtered(), Sorting.Keys, ct).Select(r => new RequestCsvRow(r.Id, r.Type.Text(),
            r.Client?.Name ?? "", r.Details, r.Status.Text(), r.AssignedUser?.Email, r.CreatedAt.Show(), r.ClosedAt.Show(), r.RejectionReason));
        return await CsvFile.DownloadAsync(rows, "service-requests.csv", ct);
    }

    private IQueryable<ServiceRequest> Filtered() => new ServiceRequestFilter(Status, Type, Assignee, Unassigned, Age, DeskId: Desk)
        .Apply(db.ServiceRequests, db.UtcNow).OfClientsMatching(db, Client, r => r.ClientId)
        .Include(r => r.Client).Include(r => r.AssignedUser).Include(r => r.Desk).AsNoTracking()
        .InState(Sla, db.UtcNow, r => r.DueAt, r => r.ClosedAt);

    public Dictionary<string, string?> FilterValues() => new()
    {
        ["desk"] = Desk?.ToString() ?? "", ["client"] = Client, ["status"] = Status?.ToString(), ["type"] = Type?.ToString(), ["assignee"] = Assignee?.ToString(),
        ["unassigned"] = Unassigned ? "true" : null, ["age"] = Age?.ToString(), ["sla"] = Sla?.ToString(), ["sort"] = Sorting.Value,
    };
}

/// <summary>One exported service request.</summary>
public sealed record RequestCsvRow(long Id, string Type, string Client, string Details, string Status, string? AssignedToEmail,
    string OpenedAtIst, string ClosedAtIst, string? RejectionReason);
