using System.ComponentModel.DataAnnotations;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Desks;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Admin;

/// <summary>One team: rename it or change its kind (administrators only; the domain refuses anyone else).</summary>
public sealed class EditTeamModel(CrmDbContext db, StaffAdmin staff, DeskRouting routing, History history)
    : RecordPage(db, history)
{
    public Team Team { get; private set; } = null!;

    [BindProperty] public TeamForm Input { get; set; } = new();

    /// <summary>Relationship (RMs) or Operations (a desk that receives service requests).</summary>
    [BindProperty, Required(ErrorMessage = "Choose the team's kind."), Display(Name = "Kind")]
    public TeamKind? Kind { get; set; }

    public Task<IActionResult> OnPostAsync(long id, CancellationToken ct) =>
        EditAsync(id, "Input", Input, "Team renamed.", () => staff.RenameTeamAsync(id, Version, Input.Name!, ct),
            () => Input, () => TeamForm.From(Team), ct);

    public Task<IActionResult> OnPostKindAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(Kind), this, $"Team kind changed to {Kind}.",
            () => routing.SetTeamKindAsync(id, Version, Kind!.Value, ct), ct);

    protected override string PathOf(long id) => $"/admin/teams/{id}";

    protected override async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var team = await Db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (team is null) return false;
        Team = team;
        Opened(team);
        if (Request.Method == HttpMethods.Get)
        {
            Input = TeamForm.From(team);
            Kind = team.Kind;
        }
        await ReadHistoryAsync("teams", id, ct);
        return true;
    }
}

public sealed class TeamForm
{
    [Required(ErrorMessage = "Name the team."), StringLength(100), Display(Name = "Team name")] public string? Name { get; set; }

    public static TeamForm From(Team t) => new() { Name = t.Name };
}
