using System.ComponentModel.DataAnnotations;
using JlnbCrm.Access;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.ClientQueries;
using JlnbCrm.Database;
using JlnbCrm.Deleting;
using JlnbCrm.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Queries;

/// <summary>One client query: edit, assign, start, resolve (logs a Query Resolution interaction) or close.</summary>
[Authorize]
public sealed class DetailsModel(CrmDbContext db, ClientQueryDesk desk, Choices choices, RecordDeletion deletion, History history, ICurrentActor actor)
    : RecordPage(db, history), IDeletablePage
{
    public ClientQuery Item { get; private set; } = null!;
    /// <summary>Whether the actions are offered: seeing a query is not the right to work it.</summary>
    public bool MayWork => actor.MayWorkQuery(Item);
    public List<SelectListItem> Staff { get; private set; } = [];

    [BindProperty] public long? RmId { get; set; }
    [BindProperty] public ResolutionForm Answer { get; set; } = new();
    [BindProperty] public QueryEditForm Edit { get; set; } = new();

    public Task<IActionResult> OnPostEditAsync(long id, CancellationToken ct) =>
        EditAsync(id, "Edit", Edit, "Query saved.", () => desk.UpdateAsync(id, Version, Edit.Details ?? "", ct),
            () => Edit, () => QueryEditForm.From(Item), ct);

    public Task<IActionResult> OnPostAssignAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(RmId), this, "Assigned.", () => desk.AssignAsync(id, Version, RmId ?? 0, ct), ct);

    public Task<IActionResult> OnPostStartAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(Version), this, "Query in progress.", () => desk.StartAsync(id, Version, ct), ct);

    public Task<IActionResult> OnPostResolveAsync(long id, CancellationToken ct) =>
        RunAsync(id, "Answer", Answer, "Query resolved.", () => desk.ResolveAsync(id, Version, Answer.Resolution, ct), ct);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) =>
        RunAsync(id, "Answer", Answer, "Query closed.", () => desk.CloseAsync(id, Version, Answer.Resolution, ct), ct);

    public bool MayDelete => actor.MayDelete(Item);
    public string DeleteWhat => "this query";
    [BindProperty] public DeleteForm Delete { get; set; } = new();

    public Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(Delete), Delete, async () =>
        {
            var message = $"Query #{id} deleted.";
            await deletion.DeleteClientQueryAsync(id, Version, Delete.Reason, ct);
            return new Done(message, "/queries");
        }, ct);

    protected override string PathOf(long id) => $"/queries/{id}";

    protected override async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var query = await Db.ClientQueries.AsNoTracking().Include(q => q.Client).ThenInclude(c => c!.AssignedRm).Include(q => q.AssignedRm).FirstOrDefaultAsync(q => q.Id == id, ct);
        if (query is null) return false;
        Item = query;
        Opened(query);
        if (Request.Method == HttpMethods.Get) Edit = QueryEditForm.From(query);
        await ReadHistoryAsync("queries", id, ct);
        Staff = await choices.StaffAsync(query.AssignedRmId, ct);
        return true;
    }
}

public sealed class ResolutionForm
{
    [StringLength(4000), Display(Name = "Resolution")] public string? Resolution { get; set; }
}

public sealed class QueryEditForm
{
    [Required(ErrorMessage = "Describe the client's query."), StringLength(4000), Display(Name = "Query")] public string? Details { get; set; }

    public static QueryEditForm From(ClientQuery q) => new() { Details = q.Details };
}
