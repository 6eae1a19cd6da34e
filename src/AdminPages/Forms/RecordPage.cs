using JlnbCrm.AdminPages.Display;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JlnbCrm.AdminPages.Forms;

/// <summary>What a successful action says, and where it goes next (the record's own page unless given).</summary>
public sealed record Done(string? Message, string? Url = null);

/// <summary>
/// A screen over one record with several small action forms (move, assign, deny…). Every action runs the same
/// way: validate only the posted form, call the domain, then redirect with a message (post/redirect/get); a
/// refusal is shown beside its field and the record is read again as it now is.
/// </summary>
public abstract class RecordPage(CrmDbContext db, History history) : PageModel
{
    protected CrmDbContext Db { get; } = db;

    /// <summary>The app clock's now (UTC), for time left against due-ats.</summary>
    public DateTime Now => Db.UtcNow;

    /// <summary>The record's audited changes, as the person sees the record.</summary>
    public IReadOnlyList<HistoryLine> Changes { get; private set; } = [];

    /// <summary>Set when an edit lost a race: the other person's values beside the user's.</summary>
    public ConflictView? Conflict { get; private set; }

    private bool conflicted;
    private DateTime openedAt;

    /// <summary>The record's version as the user opened it; a save against an older one is a conflict.</summary>
    [BindProperty] public long Version { get; set; }

    /// <summary>Reads the record and everything the screen shows; false when it does not exist or is out of sight.</summary>
    protected abstract Task<bool> LoadAsync(long id, CancellationToken ct);

    /// <summary>The record's own page.</summary>
    protected abstract string PathOf(long id);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await ShowAsync(id, ct);

    /// <param name="form">The posted form object whose fields refusals are put beside (this page for top-level fields).</param>
    /// <param name="scope">The form's field prefix (or field name) to validate; other forms' fields are ignored.</param>
    protected async Task<IActionResult> RunAsync(long id, string scope, object form, Func<Task<Done>> action, CancellationToken ct)
    {
        if (ModelState.IsValidFor(scope))
        {
            try
            {
                var done = await action();
                if (done.Message is not null) TempData["Flash"] = done.Message;
                return Redirect(done.Url ?? PathOf(id));
            }
            catch (RuleViolationException refusal)
            {
                Db.ChangeTracker.Clear(); // nothing half-done stays tracked
                conflicted = refusal.IsConflict();
                ModelState.AddRuleErrors(refusal, form, form == this ? "" : scope);
            }
        }
        return await ShowAsync(id, ct);
    }

    protected Task<IActionResult> RunAsync<T>(long id, string scope, object form, string message, Func<Task<T>> action, CancellationToken ct) =>
        RunAsync(id, scope, form, async () => { await action(); return new Done(message); }, ct);

    /// <summary>
    /// Saves edits to the record's own fields. If someone saved it after the user opened it, nothing is
    /// overwritten: the page shows their values (<paramref name="saved"/>, read from the record as it now is)
    /// beside the user's, which stay in the form, and the next save is against their version.
    /// </summary>
    protected async Task<IActionResult> EditAsync<T>(long id, string scope, object form, string message, Func<Task> save,
        Func<T> yours, Func<T> saved, CancellationToken ct) where T : notnull
    {
        var result = await RunAsync(id, scope, form, async () => { await save(); return new Done(message); }, ct);
        if (conflicted && result is PageResult) Conflict = ConflictView.Between(openedAt.Show(), saved(), yours());
        return result;
    }

    /// <summary>Records the version just read, so the next action is checked against it rather than the posted one.</summary>
    protected void Opened(Entity record)
    {
        Version = record.Version;
        openedAt = record.UpdatedAt;
        ModelState.Remove(nameof(Version));
    }

    protected async Task ReadHistoryAsync(string table, long id, CancellationToken ct) => Changes = await history.OfAsync(table, id, ct);

    private async Task<IActionResult> ShowAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();
}
