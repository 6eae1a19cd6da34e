using JlnbCrm.AdminPages.Display;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Auditing;
using JlnbCrm.Database;
using JlnbCrm.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Admin;

/// <summary>The audit log, newest first, by table, person and date range.</summary>
public sealed class AuditModel(CrmDbContext db, History history, Choices choices) : PageModel
{
    public static readonly string[] Entities = ["clients", "client_products", "leads", "interactions", "queries", "service_requests", "users", "teams", "products"];

    [BindProperty(SupportsGet = true)] public string? Entity { get; set; }
    [BindProperty(SupportsGet = true)] public long? Who { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public IReadOnlyList<(AuditEntry Entry, HistoryLine Line)> Entries { get; private set; } = [];
    public PagerModel Pager { get; private set; } = null!;
    public List<SelectListItem> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var entries = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrEmpty(Entity)) entries = entries.Where(a => a.Entity == Entity);
        if (Who is { } who) entries = entries.Where(a => a.UserId == who);
        if (From is { } from) { var start = IndianTime.StartOfDayUtc(from); entries = entries.Where(a => a.At >= start); }
        if (To is { } to) { var end = IndianTime.EndOfDayUtc(to); entries = entries.Where(a => a.At < end); }
        var page = await Keyset.PageAsync(entries, [SortKey.Descend<DateTime>(nameof(AuditEntry.At)), SortKey.Descend<long>(nameof(AuditEntry.Id))],
            PageQuery.From(After, Before), ct);
        var rows = page.Rows.Select(r => r.Row).ToList();
        var lines = await history.LinesAsync(rows, ct);
        Entries = rows.Zip(lines).ToList();
        Pager = PagerModel.For(page, new Dictionary<string, string?>
            { ["entity"] = Entity, ["who"] = Who?.ToString(), ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd") });
        Staff = await choices.StaffAsync(Who, ct);
    }
}
