using JlnbCrm.Reminders;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JlnbCrm.AdminPages.Pages.MyDay;

/// <summary>The signed-in person's reminders, from the same domain report as the API's <c>myDay</c>.</summary>
[Authorize]
public sealed class IndexModel(MyDayReport report, TimeProvider clock) : PageModel
{
    public Reminders.MyDay Day { get; private set; } = null!;

    /// <summary>The instant the SLA badges are measured against (the same clock the report read).</summary>
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Day = await report.ForMeAsync(ct);
    }
}
