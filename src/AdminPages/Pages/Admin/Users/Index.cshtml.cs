using System.ComponentModel.DataAnnotations;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Admin.Users;

/// <summary>Everyone with a CRM sign-in, filterable by team, and the form to add someone.</summary>
public sealed class IndexModel(CrmDbContext db, StaffAdmin staff, Choices choices) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Team { get; set; }
    [BindProperty] public NewUserForm Input { get; set; } = new();

    public IReadOnlyList<User> People { get; private set; } = [];
    public List<SelectListItem> Teams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var user = await staff.CreateUserAsync(Input.Name!, Input.Email!, Input.Role!.Value, Input.TeamId, Input.Password!, ct);
                TempData["Flash"] = $"{user.Name} can now sign in.";
                return Redirect($"/admin/users/{user.Id}");
            }
            catch (RuleViolationException refusal) { db.ChangeTracker.Clear(); ModelState.AddRuleErrors(refusal, Input); }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        People = await db.Users.AsNoTracking().Include(u => u.Team).Where(u => Team == null || u.TeamId == Team)
            .OrderByDescending(u => u.IsActive).ThenBy(u => u.Name).ToListAsync(ct);
        Teams = await choices.TeamsAsync(Team ?? Input.TeamId, ct);
    }
}

public sealed class NewUserForm
{
    [Required(ErrorMessage = "Name is required."), StringLength(120), Display(Name = "Name")] public string? Name { get; set; }
    [Required(ErrorMessage = "Email is required."), EmailAddress, Display(Name = "Email")] public string? Email { get; set; }
    [Required(ErrorMessage = "Choose a role."), Display(Name = "Role")] public RoleLevel? Role { get; set; }
    [Display(Name = "Team")] public long? TeamId { get; set; }
    [Required(ErrorMessage = "Set a first password."), MinLength(StaffAdmin.MinimumPasswordLength), DataType(DataType.Password), Display(Name = "First password")]
    public string? Password { get; set; }
}
