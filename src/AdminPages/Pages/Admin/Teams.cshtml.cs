using System.ComponentModel.DataAnnotations;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Admin;

public sealed class TeamsModel(CrmDbContext db, StaffAdmin staff) : PageModel
{
    public IReadOnlyList<(Team Team, int Members)> Teams { get; private set; } = [];

    [BindProperty, Required(ErrorMessage = "Name the team."), StringLength(100), Display(Name = "New team")]
    public string? Name { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var team = await staff.CreateTeamAsync(Name!, ct);
                TempData["Flash"] = $"Team {team.Name} created.";
                return RedirectToPage();
            }
            catch (RuleViolationException refusal) { db.ChangeTracker.Clear(); ModelState.AddRuleErrors(refusal, this, ""); }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new { Team = t, Members = db.Users.Count(u => u.TeamId == t.Id && u.IsActive) }).ToListAsync(ct);
        Teams = teams.Select(t => (t.Team, t.Members)).ToList();
    }
}
