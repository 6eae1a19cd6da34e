using System.Text;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.Domain;
using JlnbCrm.Importing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JlnbCrm.AdminPages.Csv;

/// <summary>
/// The two-step import screens (clients, references): upload → a preview with every row's errors, written
/// nowhere → apply, all-or-nothing. The file's text travels from preview to apply in the form itself, so
/// what is applied is exactly what was previewed. The rules are the domain's (ClientImport, LeadImport).
/// </summary>
public abstract class CsvImportPage<TRow> : PageModel
{
    public const long MaxBytes = 5 * 1024 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? FileText { get; set; }

    public ImportCheck? Check { get; private set; }
    public abstract string What { get; }
    public abstract string ListUrl { get; }
    /// <summary>The header the file must have (an export of the list has it).</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    protected abstract TRow Map(int line, IReadOnlyDictionary<string, string> cells);
    protected abstract Task<ImportCheck> CheckAsync(IReadOnlyList<TRow> rows, CancellationToken ct);
    protected abstract Task<int> ApplyAsync(IReadOnlyList<TRow> rows, CancellationToken ct);

    public void OnGet() { }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
            ModelState.AddModelError(nameof(Upload), "Choose a CSV file.");
        else if (Upload.Length > MaxBytes)
            ModelState.AddModelError(nameof(Upload), $"The file is {Upload.Length / 1024 / 1024} MB; the limit is {MaxBytes / 1024 / 1024} MB. Split it.");
        else
        {
            using var reader = new StreamReader(Upload.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            FileText = await reader.ReadToEndAsync(ct);
            ModelState.Remove(nameof(FileText));
            Check = await CheckAsync(await RowsAsync(FileText, ct), ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(CancellationToken ct)
    {
        var rows = await RowsAsync(FileText ?? "", ct);
        try
        {
            var count = await ApplyAsync(rows, ct);
            TempData["Flash"] = $"Imported {count} {What}.";
            return Redirect(ListUrl);
        }
        catch (RuleViolationException refusal)
        {
            ModelState.AddRuleErrors(refusal, this, "");
            Check = await CheckAsync(rows, ct);
            return Page();
        }
    }

    private async Task<IReadOnlyList<TRow>> RowsAsync(string text, CancellationToken ct) =>
        (await CsvFile.ReadAsync(text, ct)).Select(r => Map(r.Line, r.Cells)).ToList();

    protected static string? Cell(IReadOnlyDictionary<string, string> cells, string column) =>
        cells.TryGetValue(column, out var value) && value.Length > 0 ? value : null;
}
