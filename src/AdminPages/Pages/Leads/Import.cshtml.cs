using JlnbCrm.AdminPages.Csv;
using JlnbCrm.Importing;
using JlnbCrm.Leads;
using Microsoft.AspNetCore.Authorization;

namespace JlnbCrm.AdminPages.Pages.Leads;

[Authorize]
public sealed class ImportModel(LeadImport import) : CsvImportPage<LeadImportRow>
{
    public override string What => "references";
    public override string ListUrl => "/leads";
    public override IReadOnlyList<string> Columns { get; } = ["ProspectName", "Mobile", "Email", "Pan", "Product", "Mode", "RefGivenBy", "ObtainedByEmail", "Notes"];

    protected override LeadImportRow Map(int line, IReadOnlyDictionary<string, string> cells) => new(line,
        Cell(cells, "ProspectName"), Cell(cells, "Mobile"), Cell(cells, "Email"), Cell(cells, "Pan"), Cell(cells, "Product"),
        Cell(cells, "Mode"), Cell(cells, "RefGivenBy"), Cell(cells, "ObtainedByEmail"), Cell(cells, "Notes"));

    protected override Task<ImportCheck> CheckAsync(IReadOnlyList<LeadImportRow> rows, CancellationToken ct) => import.CheckAsync(rows, ct);
    protected override Task<int> ApplyAsync(IReadOnlyList<LeadImportRow> rows, CancellationToken ct) => import.ApplyAsync(rows, ct);
}
