using System.ComponentModel.DataAnnotations;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.ServiceLevels;
using JlnbCrm.ServiceRequests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JlnbCrm.AdminPages.Pages.Admin;

/// <summary>
/// Turnaround targets (per request type, and the firm-wide client-query target) and the firm holiday list, through
/// <see cref="ServiceLevelBook"/>: the range of a target, one holiday per date and who may change them are its rules.
/// </summary>
public sealed class ServiceLevelsModel(CrmDbContext db, ServiceLevelBook book) : PageModel
{
    public IReadOnlyList<ServiceLevel> Targets { get; private set; } = [];
    public IReadOnlyList<Holiday> Holidays { get; private set; } = [];

    /// <summary>The target form last posted (its row shows what was typed and the refusal beside it).</summary>
    public TargetForm? PostedTarget { get; private set; }
    public HolidayForm NewHoliday { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Targets = await book.TargetsAsync(ct);
        Holidays = await book.HolidaysAsync(ct: ct);
    }

    public Task<IActionResult> OnPostTargetAsync([Bind(Prefix = "Target")] TargetForm target, CancellationToken ct)
    {
        PostedTarget = target;
        return RunAsync(target, "Target", async () =>
        {
            var level = await book.SetTargetAsync(target.RequestType, target.WorkingDays!.Value, ct);
            return $"{SubjectOf(level)}: {level.WorkingDays} working day(s) for new work; existing due dates stay.";
        }, ct);
    }

    public Task<IActionResult> OnPostHolidayAsync([Bind(Prefix = nameof(NewHoliday))] HolidayForm holiday,
        CancellationToken ct)
    {
        NewHoliday = holiday;
        return RunAsync(holiday, nameof(NewHoliday), async () =>
        {
            var added = await book.AddHolidayAsync(holiday.Date!.Value, holiday.Name!, ct);
            return $"{added.Name} ({Day(added.Date)}) is a holiday.";
        }, ct);
    }

    public Task<IActionResult> OnPostRemoveHolidayAsync(long id, CancellationToken ct) =>
        RunAsync(null, "", async () =>
        {
            var removed = await book.RemoveHolidayAsync(id, ct);
            return $"{removed.Name} ({Day(removed.Date)}) is no longer a holiday.";
        }, ct);

    public static string SubjectOf(ServiceLevel level) =>
        level.RequestType is { } type ? EnumText<ServiceRequestType>.ToText(type) : "Client queries (firm-wide)";

    public static string Day(DateOnly date) => date.ToString("ddd d MMM yyyy");

    private async Task<IActionResult> RunAsync(object? input, string prefix, Func<Task<string>> action,
        CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                TempData["Flash"] = await action();
                return RedirectToPage();
            }
            catch (RuleViolationException refusal)
            {
                db.ChangeTracker.Clear();
                ModelState.AddRuleErrors(refusal, input ?? new object(), prefix);
            }
        }
        await OnGetAsync(ct);
        return Page();
    }
}

/// <summary>One target: the request type (none for the client-query target) and its working days.</summary>
public sealed class TargetForm
{
    public ServiceRequestType? RequestType { get; set; }
    [Required(ErrorMessage = "Give the target in working days."), Display(Name = "Working days")]
    public int? WorkingDays { get; set; }
}

public sealed class HolidayForm
{
    [Required(ErrorMessage = "Choose the date."), Display(Name = "Date")] public DateOnly? Date { get; set; }
    [Required(ErrorMessage = "Name the holiday."), Display(Name = "Name")] public string? Name { get; set; }
}
