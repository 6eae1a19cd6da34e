using JlnbCrm.Access;
using JlnbCrm.AdminPages.Csv;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Kyc;
using JlnbCrm.Paging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Clients;

/// <summary>Clients the user may see: one search box (name, PAN, mobile, account id), RM and product filters.</summary>
[Authorize]
public sealed class IndexModel(CrmDbContext db, Choices choices, ICurrentActor actor) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public long? Rm { get; set; }
    [BindProperty(SupportsGet = true)] public long? Product { get; set; }
    /// <summary>Only this household's members (linked from the household screens).</summary>
    [BindProperty(SupportsGet = true)] public long? Household { get; set; }
    /// <summary>Only clients whose KYC status at the KRA is this one (e.g. On Hold, to chase).</summary>
    [BindProperty(SupportsGet = true)] public KycStatus? Kyc { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public KeysetPage<Client> Clients { get; private set; } = null!;
    public PagerModel Pager { get; private set; } = null!;
    public List<SelectListItem> Staff { get; private set; } = [];
    public List<SelectListItem> Products { get; private set; } = [];

    /// <summary>The PAN as this user may see it (in full for the RM, their head and admins).</summary>
    public string PanOf(Client c) => actor.PanAsSeenBy(c);

    /// <summary>The account id as this user may see it (masked like the PAN).</summary>
    public string? AccountIdOf(Client c) => actor.AccountIdAsSeenBy(c);

    public ListSort Sorting => new(Sort, "name", Columns);

    private static readonly Dictionary<string, SortKey> Columns = new()
    {
        // Only never-null columns: the keyset pager's "after this value" cannot place a NULL.
        ["name"] = SortKey.Ascending<string>(nameof(Client.Name)), ["created"] = SortKey.Ascending<DateTime>(nameof(Client.CreatedAt)),
        ["rm"] = SortKey.Ascending<string>($"{nameof(Client.AssignedRm)}.{nameof(JlnbCrm.Users.User.Name)}"),
    };

    public Dictionary<string, string?> FilterValues() => new()
        { ["q"] = Q, ["rm"] = Rm?.ToString(), ["product"] = Product?.ToString(), ["household"] = Household?.ToString(),
          ["kyc"] = Kyc?.ToString(), ["sort"] = Sorting.Value };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Clients = await Keyset.PageAsync(Filtered(), Sorting.Keys, PageQuery.From(After, Before), ct);
        Pager = PagerModel.For(Clients, FilterValues());
        Staff = await choices.StaffAsync(Rm, ct);
        Products = await choices.ProductsAsync(Product, sellableOnly: false, ct);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        // PAN and account id as this user sees them on screen (masked unless they may see them in full).
        var rows = ListExport.AllAsync(Filtered(), Sorting.Keys, ct).Select(c => new ClientCsvRow(c.Id, c.Name, PanOf(c), AccountIdOf(c), c.Mobile, c.Email, c.Address,
                c.DateOfBirth?.ToString("yyyy-MM-dd"), c.AssignedRm?.Email ?? ""));
        return await CsvFile.DownloadAsync(rows, "clients.csv", ct);
    }

    private IQueryable<Client> Filtered() =>
        new ClientFilter(Q, Rm, Product, Household, Kyc).Apply(db.Clients, db, actor).Include(c => c.AssignedRm).AsNoTracking();
}

/// <summary>An exported client: the same columns the client import reads (plus the id).</summary>
public sealed record ClientCsvRow(long Id, string Name, string Pan, string? AccountId, string? Mobile, string? Email,
    string? Address, string? DateOfBirth, string RmEmail);
