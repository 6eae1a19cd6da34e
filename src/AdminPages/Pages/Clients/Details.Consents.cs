using JlnbCrm.Access;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.Consents;
using JlnbCrm.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Clients;

/// <summary>
/// The client profile's consent register and data export. The rules are the domain's: <see cref="ConsentBook"/> (who may
/// record, the marketing opt-out that hides the cross-sell picker) and <see cref="ClientDataExport"/> (what the file holds).
/// </summary>
public sealed partial class DetailsModel
{
    public IReadOnlyList<Consent> Consents { get; private set; } = [];
    public bool OptedOutOfMarketing { get; private set; }
    /// <summary>Whether the Portfolio Review form offers cross-sell products: the RM's work, and only with marketing consent.</summary>
    public bool MayCrossSell => MayEdit && !OptedOutOfMarketing;

    [BindProperty] public GiveConsentForm GiveConsent { get; set; } = new();
    [BindProperty] public WithdrawConsentForm WithdrawConsent { get; set; } = new();

    public Task<IActionResult> OnPostGiveConsentAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(GiveConsent), GiveConsent, "Consent recorded.",
            () => consents.GiveAsync(id, GiveConsent.Purpose ?? default, GiveConsent.Evidence ?? "", null, ct), ct);

    public Task<IActionResult> OnPostWithdrawConsentAsync(long id, CancellationToken ct) =>
        RunAsync(id, nameof(WithdrawConsent), WithdrawConsent, "Consent withdrawn.",
            () => consents.WithdrawAsync(WithdrawConsent.ConsentId ?? 0, WithdrawConsent.ConsentVersion ?? 0,
                WithdrawConsent.Evidence ?? "", ct), ct);

    /// <summary>Downloads everything held about the client, as this user sees it (recorded in the client's history).</summary>
    public async Task<IActionResult> OnPostExportAsync(long id, ExportFormat format, CancellationToken ct)
    {
        try
        {
            var file = await export.ExportAsync(id, format, ct);
            return File(System.Text.Encoding.UTF8.GetBytes(file.Content), file.ContentType, file.FileName);
        }
        catch (RuleViolationException refusal) when (refusal.Errors.Any(e => e.Code == ErrorCodes.NotFound))
        {
            return NotFound();
        }
    }

    private async Task LoadConsentsAsync(long id, CancellationToken ct)
    {
        Consents = await Db.Consents.AsNoTracking().Include(k => k.GivenBy).Include(k => k.WithdrawnBy)
            .Where(k => k.ClientId == id).OrderByDescending(k => k.GivenAt).ThenByDescending(k => k.Id).ToListAsync(ct);
        OptedOutOfMarketing = await consents.IsOptedOutOfMarketingAsync(id, ct);
    }
}
