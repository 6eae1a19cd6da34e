using JlnbCrm.AdminPages.Csv;
using JlnbCrm.AdminPages.Display;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Leads;
using JlnbCrm.Paging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Leads;

/// <summary>The references pipeline: filters, sort, keyset pages, and CSV export of what the filter shows.</summary>
[Authorize]
public sealed class IndexModel(CrmDbContext db, Choices choices) : PageModel
{
    [BindProperty(SupportsGet = true)] public LeadStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public long? Rm { get; set; }
    [BindProperty(SupportsGet = true)] public long? Product { get; set; }
    [BindProperty(SupportsGet = true)] public ModeOfCommunication? Mode { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public KeysetPage<Lead> Leads { get; private set; } = null!;
    public PagerModel Pager { get; private set; } = null!;
    public List<SelectListItem> Staff { get; private set; } = [];
    public List<SelectListItem> Products { get; private set; } = [];

    public ListSort Sorting => new(Sort, "-created", Columns);

    private static readonly Dictionary<string, SortKey> Columns = new()
    {
        ["name"] = SortKey.Ascending<string>(nameof(Lead.ProspectName)), ["created"] = SortKey.Ascending<DateTime>(nameof(Lead.CreatedAt)),
        ["product"] = SortKey.Ascending<string>($"{nameof(Lead.Product)}.{nameof(JlnbCrm.Products.Product.Name)}"),
        ["mode"] = SortKey.Ascending<ModeOfCommunication>(nameof(Lead.ModeOfCommunication)),
        ["status"] = SortKey.Ascending<LeadStatus>(nameof(Lead.Status)), // the pipeline's order: New, WIP, Converted, Denied
        ["obtained"] = SortKey.Ascending<string>($"{nameof(Lead.RefObtainedBy)}.{nameof(JlnbCrm.Users.User.Name)}"),
        ["conversion"] = SortKey.Ascending<string>($"{nameof(Lead.ConversionRm)}.{nameof(JlnbCrm.Users.User.Name)}"),
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = Filtered().Include(l => l.Product).Include(l => l.RefObtainedBy).Include(l => l.ConversionRm).AsNoTracking();
        Leads = await Keyset.PageAsync(query, Sorting.Keys, PageQuery.From(After, Before), ct);
        Pager = PagerModel.For(Leads, FilterValues());
        Staff = await choices.StaffAsync(Rm, ct);
        Products = await choices.ProductsAsync(Product, sellableOnly: false, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var query = Filtered().Include(l => l.Product).Include(l => l.RefObtainedBy).Include(l => l.ConversionRm).AsNoTracking();
        var rows = ListExport.AllAsync(query, Sorting.Keys, ct).Select(l => new LeadCsvRow(l.Id, l.ProspectName, l.Mobile, l.Email,
            l.Pan, l.Product?.Name ?? "", l.ModeOfCommunication.Text(), l.RefGivenBy, l.RefObtainedBy?.Email ?? "", l.ConversionRm?.Email,
            l.Status.Text(), l.DenialReason, l.ConvertedClientId, l.CreatedAt.Show()));
        return await CsvFile.DownloadAsync(rows, "references.csv", ct);
    }

    private IQueryable<Lead> Filtered() => new LeadFilter(Status, Rm, Product, Mode,
        From is { } from ? IndianTime.StartOfDayUtc(from) : null,
        To is { } to ? IndianTime.EndOfDayUtc(to) : null, Name).Apply(db.Leads);

    public Dictionary<string, string?> FilterValues() => new()
    {
        ["status"] = Status?.ToString(), ["rm"] = Rm?.ToString(), ["product"] = Product?.ToString(), ["mode"] = Mode?.ToString(),
        ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"), ["name"] = Name, ["sort"] = Sorting.Value,
    };
}

/// <summary>One exported reference: the columns the reference import reads (ObtainedByEmail…), plus its state.</summary>
public sealed record LeadCsvRow(long Id, string ProspectName, string? Mobile, string? Email, string? Pan, string Product,
    string Mode, string? RefGivenBy, string ObtainedByEmail, string? ConversionRmEmail, string Status,
    string? DenialReason, long? ConvertedClientId, string CreatedAtIst);
