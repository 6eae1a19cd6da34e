using JlnbCrm.AdminPages.Display;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.Database;
using JlnbCrm.Desks;
using JlnbCrm.Domain;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Admin;

/// <summary>
/// Which operations desk receives each request type, and the default desk for the rest, through
/// <see cref="DeskRouting"/> (who may change them and which teams may be desks are its rules).
/// </summary>
public sealed class DesksModel(CrmDbContext db, DeskRouting routing) : PageModel
{
    public IReadOnlyList<Team> Desks { get; private set; } = [];

    /// <summary>The routed desk of each request type; a type without a route goes to the default desk.</summary>
    public IReadOnlyDictionary<ServiceRequestType, long> Routes { get; private set; } = new Dictionary<ServiceRequestType, long>();

    /// <summary>The route form last posted (its row shows the choice and the refusal beside it).</summary>
    public RouteForm? PostedRoute { get; private set; }
    public DefaultDeskForm? PostedDefault { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Desks = await db.Teams.AsNoTracking().Where(t => t.Kind == TeamKind.Operations).OrderBy(t => t.Name).ToListAsync(ct);
        Routes = (await routing.RoutesAsync(ct)).ToDictionary(r => r.Type, r => r.TeamId);
    }

    public Task<IActionResult> OnPostRouteAsync([Bind(Prefix = "Route")] RouteForm route, CancellationToken ct)
    {
        PostedRoute = route;
        return RunAsync(route, "Route", async () =>
        {
            var type = route.Type.Text();
            if (route.TeamId is not { } teamId)
            {
                await routing.RemoveRouteAsync(route.Type, ct);
                return $"New {type} requests go to the default desk.";
            }
            var saved = await routing.SetRouteAsync(route.Type, teamId, ct);
            return $"New {type} requests go to {saved.Team!.Name}.";
        }, ct);
    }

    public Task<IActionResult> OnPostDefaultAsync([Bind(Prefix = "Default")] DefaultDeskForm choice, CancellationToken ct)
    {
        PostedDefault = choice;
        return RunAsync(choice, "Default", async () =>
        {
            var desk = await routing.SetDefaultDeskAsync(choice.TeamId ?? 0, ct);
            return $"{desk.Name} is the default desk.";
        }, ct);
    }

    private async Task<IActionResult> RunAsync(object input, string prefix, Func<Task<string>> action, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                TempData["Flash"] = await action();
                return RedirectToPage();
            }
            catch (RuleViolationException refusal)
            {
                db.ChangeTracker.Clear();
                ModelState.AddRuleErrors(refusal, input, prefix);
            }
        }
        await OnGetAsync(ct);
        return Page();
    }
}

/// <summary>One request type's desk; no team means "the default desk" (the route is removed).</summary>
public sealed class RouteForm
{
    public ServiceRequestType Type { get; set; }
    public long? TeamId { get; set; }
}

public sealed class DefaultDeskForm
{
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Choose the default desk.")]
    public long? TeamId { get; set; }
}
