using JlnbCrm.AdminPages.Admin;
using JlnbCrm.Database;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Admin;

/// <summary>Read-only: the three roles, how many people hold each, and the permission matrix.</summary>
public sealed class RolesModel(CrmDbContext db) : PageModel
{
    public IReadOnlyList<(int Id, string Name, int Active)> Roles { get; private set; } = [];
    public IReadOnlyList<PermissionMatrix.Table> Tables => PermissionMatrix.Tables;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var counts = await db.Users.Where(u => u.IsActive).GroupBy(u => u.RoleId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Roles = (await db.Roles.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct))
            .Select(r => ((int)r.Id, r.Name, counts.FirstOrDefault(c => c.Key == r.Id)?.Count ?? 0)).ToList();
    }
}
