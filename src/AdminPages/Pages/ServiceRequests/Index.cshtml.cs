using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Paging;
using JlnbCrm.ServiceRequests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.ServiceRequests;

/// <summary>The operations queue: the service requests this user may see, oldest first by default.</summary>
[Authorize]
public sealed class IndexModel(CrmDbContext db, Choices choices) : PageModel
{
    [BindProperty(SupportsGet = true)] public ServiceRequestStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public ServiceRequestType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public long? Assignee { get; set; }
    [BindProperty(SupportsGet = true)] public bool Unassigned { get; set; }
    [BindProperty(SupportsGet = true)] public int? Age { get; set; }
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "oldest";
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public KeysetPage<ServiceRequest> Requests { get; private set; } = null!;
    public PagerModel Pager { get; private set; } = null!;
    public List<SelectListItem> Staff { get; private set; } = [];
    public DateTime Now => db.UtcNow;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = new ServiceRequestFilter(Status, Type, Assignee, Unassigned, Age).Apply(db.ServiceRequests, db.UtcNow)
            .Include(r => r.Client).Include(r => r.AssignedUser).AsNoTracking();
        Requests = await Keyset.PageAsync(query, [new SortKey(nameof(ServiceRequest.CreatedAt), typeof(DateTime), Descending: Sort == "newest")], PageQuery.From(After, Before), ct);
        Pager = PagerModel.For(Requests, new Dictionary<string, string?>
        {
            ["status"] = Status?.ToString(), ["type"] = Type?.ToString(), ["assignee"] = Assignee?.ToString(),
            ["unassigned"] = Unassigned ? "true" : null, ["age"] = Age?.ToString(), ["sort"] = Sort,
        });
        Staff = await choices.StaffAsync(Assignee, ct);
    }
}
