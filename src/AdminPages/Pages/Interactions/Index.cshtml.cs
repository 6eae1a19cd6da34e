using JlnbCrm.AdminPages.Csv;
using JlnbCrm.AdminPages.Display;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Interactions;
using JlnbCrm.Paging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Interactions;

/// <summary>Interactions this user may see, by client, RM, type, IST dates and product; newest first by default.</summary>
[Authorize]
public sealed class IndexModel(CrmDbContext db, Choices choices) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Client { get; set; }
    [BindProperty(SupportsGet = true)] public long? Rm { get; set; }
    [BindProperty(SupportsGet = true)] public InteractionType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public long? Product { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public KeysetPage<Interaction> Interactions { get; private set; } = null!;
    public PagerModel Pager { get; private set; } = null!;
    public List<SelectListItem> Staff { get; private set; } = [];
    public List<SelectListItem> Products { get; private set; } = [];
    public ListSort Sorting => new(Sort, "-occurred", Columns);

    private static readonly Dictionary<string, SortKey> Columns = new()
    {
        ["id"] = SortKey.Id, ["occurred"] = SortKey.Ascending<DateTime>(nameof(Interaction.OccurredAt)),
        ["client"] = SortKey.Ascending<string>($"{nameof(Interaction.Client)}.{nameof(JlnbCrm.Clients.Client.Name)}"),
        ["type"] = SortKey.Ascending<InteractionType>(nameof(Interaction.Type)),
        ["user"] = SortKey.Ascending<string>($"{nameof(Interaction.User)}.{nameof(JlnbCrm.Users.User.Name)}"),
        ["product"] = SortKey.Ascending<string>($"{nameof(Interaction.RelatedProduct)}.{nameof(JlnbCrm.Products.Product.Name)}"),
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Interactions = await Keyset.PageAsync(Filtered(), Sorting.Keys, PageQuery.From(After, Before), ct);
        Pager = PagerModel.For(Interactions, FilterValues());
        Staff = await choices.StaffAsync(Rm, ct);
        Products = await choices.ProductsAsync(Product, sellableOnly: false, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = ListExport.AllAsync(Filtered(), Sorting.Keys, ct).Select(i => new InteractionCsvRow(i.Id, i.OccurredAt.Show(),
            i.Client?.Name ?? "", i.Type.Text(), i.User?.Email ?? "", i.RelatedProduct?.Name, i.Details));
        return await CsvFile.DownloadAsync(rows, "interactions.csv", ct);
    }

    private IQueryable<Interaction> Filtered() => new InteractionFilter(Rm, Type,
            From is { } from ? IndianTime.StartOfDayUtc(from) : null,
            To is { } to ? IndianTime.EndOfDayUtc(to) : null, Product)
        .Apply(db.Interactions).OfClientsMatching(db, Client, i => i.ClientId)
        .Include(i => i.Client).Include(i => i.User).Include(i => i.RelatedProduct).AsNoTracking();

    public Dictionary<string, string?> FilterValues() => new()
    {
        ["client"] = Client, ["rm"] = Rm?.ToString(), ["type"] = Type?.ToString(), ["from"] = From?.ToString("yyyy-MM-dd"),
        ["to"] = To?.ToString("yyyy-MM-dd"), ["product"] = Product?.ToString(), ["sort"] = Sorting.Value,
    };
}

/// <summary>One exported interaction.</summary>
public sealed record InteractionCsvRow(long Id, string OccurredAtIst, string Client, string Type, string LoggedByEmail,
    string? Product, string Details);
