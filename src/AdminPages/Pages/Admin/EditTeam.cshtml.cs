using System.ComponentModel.DataAnnotations;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Admin;

/// <summary>One team: rename it (administrators only; the domain refuses anyone else).</summary>
public sealed class EditTeamModel(CrmDbContext db, StaffAdmin staff, History history) : RecordPage(db, history)
{
    public Team Team { get; private set; } = null!;

    [BindProperty] public TeamForm Input { get; set; } = new();

    public Task<IActionResult> OnPostAsync(long id, CancellationToken ct) =>
        EditAsync(id, "Input", Input, "Team renamed.", () => staff.RenameTeamAsync(id, Version, Input.Name!, ct),
            () => Input, () => TeamForm.From(Team), ct);

    protected override string PathOf(long id) => $"/admin/teams/{id}";

    protected override async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var team = await Db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is null) return false;
        Team = team;
        Opened(team);
        if (Request.Method == HttpMethods.Get) Input = TeamForm.From(team);
        await ReadHistoryAsync("teams", id, ct);
        return true;
    }
}

public sealed class TeamForm
{
    [Required(ErrorMessage = "Name the team."), StringLength(100), Display(Name = "Team name")] public string? Name { get; set; }

    public static TeamForm From(Team t) => new() { Name = t.Name };
}
