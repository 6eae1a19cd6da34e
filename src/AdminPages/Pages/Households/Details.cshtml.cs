using System.ComponentModel.DataAnnotations;
using JlnbCrm.Access;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Households;
using JlnbCrm.Interactions;
using JlnbCrm.ServiceRequests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Households;

/// <summary>
/// A household's roll-up: the members the user sees, their holdings, latest interactions, open queries and open service
/// requests (HouseholdRollUp, each through its own row filter), with rename, head and member actions for whoever may
/// edit the member concerned (HouseholdBook decides; the page offers only what AccessRules allows).
/// </summary>
[Authorize]
public sealed class DetailsModel(CrmDbContext db, History history, HouseholdBook households, HouseholdRollUp rollUp,
    ICurrentActor actor) : RecordPage(db, history)
{
    public const int LatestInteractions = 20;

    public Household Household { get; private set; } = null!;
    public IReadOnlyList<Client> Members { get; private set; } = [];
    public IReadOnlyList<ClientProduct> Holdings { get; private set; } = [];
    public IReadOnlyList<Interaction> Interactions { get; private set; } = [];
    public IReadOnlyList<ClientQuery> OpenQueries { get; private set; } = [];
    public IReadOnlyList<ServiceRequest> OpenRequests { get; private set; } = [];
    public Client? Head => Members.FirstOrDefault(m => m.Id == Household.HeadClientId);

    public bool MayEdit(Client member) => actor.MayEditClient(member);
    public bool MayRename => Head is { } head && MayEdit(head);

    [BindProperty, Required(ErrorMessage = "Give the household a name."), StringLength(200), Display(Name = "Name")]
    public string? Name { get; set; }

    public Task<IActionResult> OnPostRenameAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(Name), this, "Household renamed.", () => households.RenameAsync(id, Version, Name ?? "", ct), ct);

    public Task<IActionResult> OnPostHeadAsync(long id, long clientId, CancellationToken ct) =>
        RunAsync(id, "", this, "Head changed.", () => households.SetHeadAsync(id, clientId, ct), ct);

    public Task<IActionResult> OnPostRemoveAsync(long id, long clientId, CancellationToken ct) =>
        RunAsync(id, "", this, async () =>
        {
            var left = await households.RemoveMemberAsync(clientId, ct);
            return left is null ? new Done("The household was removed with its last member.", "/households")
                : new Done("Member removed.");
        }, ct);

    protected override string PathOf(long id) => $"/households/{id}";

    protected override async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var household = await Db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, ct);
        if (household is null) return false;
        Household = household;
        Opened(household);
        if (!ModelState.ContainsKey(nameof(Name))) Name = household.Name;
        long[] ids = [id];
        Members = (await rollUp.MembersAsync(ids, ct))[id].ToList();
        Holdings = (await rollUp.HoldingsAsync(ids, ct))[id].ToList();
        Interactions = (await rollUp.InteractionsAsync(ids, ct))[id].Take(LatestInteractions).ToList();
        OpenQueries = (await rollUp.OpenQueriesAsync(ids, ct))[id].ToList();
        OpenRequests = (await rollUp.OpenServiceRequestsAsync(ids, ct))[id].ToList();
        var products = Holdings.Select(h => h.ProductId).Distinct().ToList();
        ProductNames = await Db.Products.AsNoTracking().Where(p => products.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        await ReadHistoryAsync("households", id, ct);
        return true;
    }

    public IReadOnlyDictionary<long, string> ProductNames { get; private set; } = new Dictionary<long, string>();

    public string NameOf(long clientId) => Members.FirstOrDefault(m => m.Id == clientId)?.Name ?? $"Client #{clientId}";
}
