using JlnbCrm.Access;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Consents;
using JlnbCrm.Database;
using JlnbCrm.Deleting;
using JlnbCrm.Domain;
using JlnbCrm.Households;
using JlnbCrm.Interactions;
using JlnbCrm.Kyc;
using JlnbCrm.Paging;
using JlnbCrm.ServiceRequests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Clients;

/// <summary>
/// The client profile: details, holdings, interactions, queries, service requests and history, with the
/// forms an RM uses from here. Every form calls a domain service; the rules live there.
/// </summary>
[Authorize]
public sealed partial class DetailsModel(CrmDbContext db, ClientService clients, InteractionLog interactions,
    ClientQueryDesk queries, ServiceDesk desk, HouseholdBook households, KycRegister kyc, Choices choices,
    RecordDeletion deletion, History history, ICurrentActor actor, ConsentBook consents, ClientDataExport export)
    : RecordPage(db, history), IDeletablePage
{
    public Client Client { get; private set; } = null!;
    public bool SeesInFull { get; private set; }
    // What the profile offers, asked of AccessRules: seeing a client (e.g. through a request) is not the right to change it.
    public bool MayEdit => actor.MayEditClient(Client);
    public bool MayReassign => actor.MayReassignClient(Client);
    public bool MayRaiseQuery => actor.MayOpenQueryForItsRm(Client);
    public string Pan => actor.PanAsSeenBy(Client);
    public string? AccountId => actor.AccountIdAsSeenBy(Client);
    public IReadOnlyList<Interaction> Interactions { get; private set; } = [];
    public IReadOnlyList<ClientQuery> Queries { get; private set; } = [];
    public IReadOnlyList<ServiceRequest> Requests { get; private set; } = [];
    public List<SelectListItem> Staff { get; private set; } = [];
    public List<SelectListItem> Products { get; private set; } = [];
    /// <summary>People a new service request may go to; none is preselected (unassigned is the default).</summary>
    public List<SelectListItem> Assignees { get; private set; } = [];
    /// <summary>People a new query may go to; none preselected means the client's RM.</summary>
    public List<SelectListItem> QueryAssignees { get; private set; } = [];

    public PagerModel InteractionPager { get; private set; } = null!;
    public PagerModel QueryPager { get; private set; } = null!;
    public PagerModel RequestPager { get; private set; } = null!;

    // Each section's cursors (after/before): interactions, queries, service requests.
    [BindProperty(SupportsGet = true)] public string? Ia { get; set; }
    [BindProperty(SupportsGet = true)] public string? Ib { get; set; }
    [BindProperty(SupportsGet = true)] public string? Qa { get; set; }
    [BindProperty(SupportsGet = true)] public string? Qb { get; set; }
    [BindProperty(SupportsGet = true)] public string? Ra { get; set; }
    [BindProperty(SupportsGet = true)] public string? Rb { get; set; }

    [BindProperty] public long? RmId { get; set; }
    [BindProperty] public HoldingForm Holding { get; set; } = new();
    [BindProperty] public InteractionForm Log { get; set; } = new();
    [BindProperty] public QueryForm Query { get; set; } = new();
    [BindProperty] public RequestForm NewRequest { get; set; } = new();
    [BindProperty] public HouseholdForm Family { get; set; } = new();
    [BindProperty] public KycForm Kyc { get; set; } = new();
    /// <summary>Who last checked the client's KYC status, by name.</summary>
    public string? KycCheckedBy { get; private set; }

    public Task<IActionResult> OnPostKycAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(Kyc), Kyc, "KYC status recorded.",
            () => kyc.RecordAsync(id, Kyc.Status ?? default, Kyc.CheckedOn, ct), ct);

    /// <summary>Households the client may join (the user's, by name), offered while the client belongs to none.</summary>
    public List<SelectListItem> Households { get; private set; } = [];

    public Task<IActionResult> OnPostStartHouseholdAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(Family), Family, async () =>
        {
            var household = await households.CreateAsync(Family.Name ?? "", id, ct);
            return new Done("Household started.", $"/households/{household.Id}");
        }, ct);

    public Task<IActionResult> OnPostJoinHouseholdAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(Family), Family, "Added to the household.",
            () => households.AddMemberAsync(Family.HouseholdId ?? 0, id, ct), ct);

    public Task<IActionResult> OnPostLeaveHouseholdAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(Family), Family, "Removed from the household.", () => households.RemoveMemberAsync(id, ct), ct);

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(RmId), this, "RM changed.", () => clients.AssignRmAsync(id, Version, RmId ?? 0, ct), ct);

    public Task<IActionResult> OnPostAddProductAsync(long id, CancellationToken ct) =>
        RunAsync(id, "Holding", Holding, "Product added.", () => clients.AddProductAsync(id, Holding.ProductId ?? 0, Holding.SubscribedOn, ct), ct);

    public Task<IActionResult> OnPostRemoveProductAsync(long id, long productId, CancellationToken ct) =>
        RunAsync(id, "Holding", Holding, "Product removed.", () => clients.RemoveProductAsync(id, productId, ct), ct);

    public Task<IActionResult> OnPostLogAsync(long id, CancellationToken ct) =>
        RunAsync(id, "Log", Log, async () =>
        {
            var logged = await interactions.LogAsync(Log.ToEntry(id), ct);
            return new Done(logged.CrossSellLeads.Count == 0 ? "Interaction logged."
                : $"Interaction logged; {logged.CrossSellLeads.Count} cross-sell reference(s) created.");
        }, ct);

    public Task<IActionResult> OnPostQueryAsync(long id, CancellationToken ct) =>
        RunAsync(id, "Query", Query, "Query raised.", () => queries.OpenAsync(id, Query.Details ?? "", Query.AssignedRmId, ct), ct);

    public Task<IActionResult> OnPostRequestAsync(long id, CancellationToken ct) =>
        RunAsync(id, "NewRequest", NewRequest, "Service request created.",
            () => desk.CreateAsync(id, NewRequest.Type ?? default, NewRequest.Details ?? "", NewRequest.AssignedUserId, ct), ct);

    public bool MayDelete => actor.MayDelete(Client);
    public string DeleteWhat => "this client";
    [BindProperty] public DeleteForm Delete { get; set; } = new();

    public Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(Delete), Delete, async () =>
        {
            var message = $"Client #{id} deleted.";
            await deletion.DeleteClientAsync(id, Version, Delete.Reason, ct);
            return new Done(message, "/clients");
        }, ct);

    protected override string PathOf(long id) => $"/clients/{id}";

    protected override async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var client = await Db.Clients.AsNoTracking().Include(c => c.AssignedRm).Include(c => c.Household).Include(c => c.Products).ThenInclude(p => p.Product)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null) return false;
        Client = client;
        SeesInFull = actor.SeesClientInFull(client.AssignedRmId, client.AssignedRm?.TeamId);
        Opened(client);
        var interactions = await Keyset.PageAsync(Db.Interactions.AsNoTracking().Include(i => i.User).Include(i => i.RelatedProduct)
            .Where(i => i.ClientId == id), [SortKey.Descend<DateTime>(nameof(Interaction.OccurredAt)), SortKey.Id with { Descending = true }],
            PageQuery.From(Ia, Ib), ct);
        var queries = await Keyset.PageAsync(Db.ClientQueries.AsNoTracking().Include(q => q.AssignedRm).Where(q => q.ClientId == id),
            [SortKey.Descend<DateTime>(nameof(ClientQuery.CreatedAt)), SortKey.Id with { Descending = true }], PageQuery.From(Qa, Qb), ct);
        var requests = await Keyset.PageAsync(Db.ServiceRequests.AsNoTracking().Include(r => r.AssignedUser).Where(r => r.ClientId == id),
            [SortKey.Descend<DateTime>(nameof(ServiceRequest.CreatedAt)), SortKey.Id with { Descending = true }], PageQuery.From(Ra, Rb), ct);
        Interactions = interactions.Rows.Select(r => r.Row).ToList();
        Queries = queries.Rows.Select(r => r.Row).ToList();
        Requests = requests.Rows.Select(r => r.Row).ToList();
        // Each section pages on its own; its links keep where the other sections are.
        var at = new Dictionary<string, string?> { ["ia"] = Ia, ["ib"] = Ib, ["qa"] = Qa, ["qb"] = Qb, ["ra"] = Ra, ["rb"] = Rb };
        InteractionPager = PagerModel.For(interactions, at, "ia", "ib");
        QueryPager = PagerModel.For(queries, at, "qa", "qb");
        RequestPager = PagerModel.For(requests, at, "ra", "rb");
        await LoadConsentsAsync(id, ct);
        await ReadHistoryAsync("clients", id, ct);
        var staff = await choices.StaffAsync(null, ct);
        Staff = Choices.Selecting(staff, client.AssignedRmId);
        Assignees = Choices.Selecting(staff, NewRequest.AssignedUserId);
        QueryAssignees = Choices.Selecting(staff, Query.AssignedRmId);
        Products = await choices.ProductsAsync(null, sellableOnly: true, ct);
        if (client.KycCheckedById is { } checker)
            KycCheckedBy = await Db.Users.AsNoTracking().Where(u => u.Id == checker).Select(u => u.Name)
                .FirstOrDefaultAsync(ct);
        if (client.HouseholdId is null && MayEdit)
            Households = await Db.Households.AsNoTracking().OrderBy(h => h.Name).ThenBy(h => h.Id).Take(200)
                .Select(h => new SelectListItem(h.Name, h.Id.ToString())).ToListAsync(ct);
        return true;
    }
}
