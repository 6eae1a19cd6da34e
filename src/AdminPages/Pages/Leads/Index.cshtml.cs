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
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "newest";
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public KeysetPage<Lead> Leads { get; private set; } = null!;
    public PagerModel Pager { get; private set; } = null!;
    public List<SelectListItem> Staff { get; private set; } = [];
    public List<SelectListItem> Products { get; private set; } = [];

    public static readonly IReadOnlyDictionary<string, string> Sorts = new Dictionary<string, string>
    {
        ["newest"] = "Newest first", ["oldest"] = "Oldest first", ["name"] = "Prospect name",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = Filtered().Include(l => l.Product).Include(l => l.RefObtainedBy).Include(l => l.ConversionRm).AsNoTracking();
        Leads = await Keyset.PageAsync(query, Order(), PageQuery.From(After, Before), ct);
        Pager = PagerModel.For(Leads, FilterValues());
        Staff = await choices.StaffAsync(Rm, ct);
        Products = await choices.ProductsAsync(Product, sellableOnly: false, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = Filtered().AsNoTracking().OrderBy(l => l.Id).Select(l => new
        {
            l.Id, l.ProspectName, l.Mobile, l.Email, l.Pan, Product = l.Product!.Name, l.ModeOfCommunication, l.RefGivenBy,
            ObtainedBy = l.RefObtainedBy!.Email, ConversionRm = l.ConversionRm!.Email, l.Status, l.DenialReason, l.ConvertedClientId, l.CreatedAt,
        }).AsAsyncEnumerable().Select(l => new LeadCsvRow(l.Id, l.ProspectName, l.Mobile, l.Email, l.Pan, l.Product,
            l.ModeOfCommunication.Text(), l.RefGivenBy, l.ObtainedBy, l.ConversionRm, l.Status.Text(), l.DenialReason, l.ConvertedClientId, l.CreatedAt.Show()));
        return await CsvFile.DownloadAsync(rows, "references.csv", ct);
    }

    private IQueryable<Lead> Filtered() => new LeadFilter(Status, Rm, Product, Mode,
        From is { } from ? IndianTime.StartOfDayUtc(from) : null,
        To is { } to ? IndianTime.StartOfDayUtc(to.AddDays(1)) : null, Name).Apply(db.Leads);

    private IReadOnlyList<SortKey> Order() => Sort switch
    {
        "oldest" => [SortKey.Ascending<DateTime>(nameof(Lead.CreatedAt))],
        "name" => [SortKey.Ascending<string>(nameof(Lead.ProspectName))],
        _ => [SortKey.Descend<DateTime>(nameof(Lead.CreatedAt)), SortKey.Descend<long>(nameof(Lead.Id))],
    };

    private Dictionary<string, string?> FilterValues() => new()
    {
        ["status"] = Status?.ToString(), ["rm"] = Rm?.ToString(), ["product"] = Product?.ToString(), ["mode"] = Mode?.ToString(),
        ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"), ["name"] = Name, ["sort"] = Sort,
    };
}

/// <summary>One exported reference: the columns the reference import reads (ObtainedByEmail…), plus its state.</summary>
public sealed record LeadCsvRow(long Id, string ProspectName, string? Mobile, string? Email, string? Pan, string Product,
    string Mode, string? RefGivenBy, string ObtainedByEmail, string? ConversionRmEmail, string Status,
    string? DenialReason, long? ConvertedClientId, string CreatedAtIst);
