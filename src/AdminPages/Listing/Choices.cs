using JlnbCrm.Database;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Listing;

/// <summary>The pick-lists forms and filters share: staff, products, teams (one small query each).</summary>
public sealed class Choices(CrmDbContext db)
{
    /// <summary>Active relationship managers and ops staff, by team then name.</summary>
    public async Task<List<SelectListItem>> StaffAsync(long? selected, CancellationToken ct = default) =>
        (await db.Users.AsNoTracking().Where(u => u.IsActive && u.RoleId != RoleLevel.Admin)
            .OrderBy(u => u.Team!.Name).ThenBy(u => u.Name)
            .Select(u => new { u.Id, u.Name, Team = u.Team!.Name }).ToListAsync(ct))
        .Select(u => new SelectListItem($"{u.Name} ({u.Team})", u.Id.ToString(), u.Id == selected)).ToList();

    /// <summary>A copy of a pick-list with one value chosen, so one query can serve two selects.</summary>
    public static List<SelectListItem> Selecting(IEnumerable<SelectListItem> items, long? selected) =>
        items.Select(i => new SelectListItem(i.Text, i.Value, i.Value == selected?.ToString())).ToList();

    public async Task<List<SelectListItem>> ProductsAsync(long? selected, bool sellableOnly, CancellationToken ct = default) =>
        (await db.Products.AsNoTracking().Where(p => !sellableOnly || p.IsActive).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.IsActive }).ToListAsync(ct))
        .Select(p => new SelectListItem(p.IsActive ? p.Name : $"{p.Name} (retired)", p.Id.ToString(), p.Id == selected)).ToList();

    public async Task<List<SelectListItem>> TeamsAsync(long? selected, CancellationToken ct = default) =>
        (await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
        .Select(t => new SelectListItem(t.Name, t.Id.ToString(), t.Id == selected)).ToList();
}
