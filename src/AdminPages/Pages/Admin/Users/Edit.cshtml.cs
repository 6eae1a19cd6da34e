using System.ComponentModel.DataAnnotations;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Admin.Users;

/// <summary>One person: edit name and email, change role or team, deactivate or reactivate, reset the password. Each signs them out everywhere.</summary>
public sealed class EditModel(CrmDbContext db, StaffAdmin staff, Choices choices, History history) : RecordPage(db, history)
{
    public User Person { get; private set; } = null!;
    public List<SelectListItem> Teams { get; private set; } = [];

    [BindProperty] public AccessForm Access { get; set; } = new();
    [BindProperty] public PasswordForm Reset { get; set; } = new();
    [BindProperty] public PersonForm Details { get; set; } = new();

    public Task<IActionResult> OnPostDetailsAsync(long id, CancellationToken ct) =>
        EditAsync(id, "Details", Details, "Name and email saved.", () => staff.UpdateUserAsync(id, Version, Details.Name!, Details.Email!, ct),
            () => Details, () => PersonForm.From(Person), ct);

    public Task<IActionResult> OnPostAccessAsync(long id, CancellationToken ct) =>
        RunAsync(id, "Access", Access, "Role and team saved.", () => staff.ChangeRoleAsync(id, Version, Access.Role!.Value, Access.TeamId, ct), ct);

    public Task<IActionResult> OnPostDeactivateAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(Version), this, "Deactivated: their sign-ins and tokens stop working now.", () => staff.DeactivateAsync(id, Version, ct), ct);

    public Task<IActionResult> OnPostReactivateAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(Version), this, "Reactivated.", () => staff.ReactivateAsync(id, Version, ct), ct);

    public Task<IActionResult> OnPostResetAsync(long id, CancellationToken ct) =>
        RunAsync(id, "Reset", Reset, "Password reset; tell them the new one in person.", () => staff.ResetPasswordAsync(id, Version, Reset.Password!, ct), ct);

    protected override string PathOf(long id) => $"/admin/users/{id}";

    protected override async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var person = await Db.Users.AsNoTracking().Include(u => u.Team).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (person is null) return false;
        Person = person;
        Opened(person);
        if (Request.Method == HttpMethods.Get)
        {
            Access = new AccessForm { Role = person.RoleId, TeamId = person.TeamId };
            Details = PersonForm.From(person);
        }
        Teams = await choices.TeamsAsync(Access.TeamId ?? person.TeamId, ct);
        await ReadHistoryAsync("users", id, ct);
        return true;
    }
}

public sealed class AccessForm
{
    [Required(ErrorMessage = "Choose a role."), Display(Name = "Role")] public RoleLevel? Role { get; set; }
    [Display(Name = "Team")] public long? TeamId { get; set; }
}

public sealed class PasswordForm
{
    [Required(ErrorMessage = "Type the new password."), MinLength(StaffAdmin.MinimumPasswordLength), DataType(DataType.Password), Display(Name = "New password")]
    public string? Password { get; set; }
}

public sealed class PersonForm
{
    [Required(ErrorMessage = "Name is required."), StringLength(120), Display(Name = "Name")] public string? Name { get; set; }
    [Required(ErrorMessage = "Email is required."), EmailAddress, StringLength(254), Display(Name = "Email (signs in with)")]
    public string? Email { get; set; }

    public static PersonForm From(User u) => new() { Name = u.Name, Email = u.Email };
}
