using JlnbCrm.AdminPages.Csv;
using JlnbCrm.Clients;
using JlnbCrm.Importing;
using Microsoft.AspNetCore.Authorization;

namespace JlnbCrm.AdminPages.Pages.Clients;

[Authorize]
public sealed class ImportModel(ClientImport import) : CsvImportPage<ClientImportRow>
{
    public override string What => "clients";
    public override string ListUrl => "/clients";
    public override IReadOnlyList<string> Columns { get; } = ["Name", "Pan", "AccountId", "Mobile", "Email", "Address", "DateOfBirth", "RmEmail"];

    protected override ClientImportRow Map(int line, IReadOnlyDictionary<string, string> cells) => new(line,
        Cell(cells, "Name"), Cell(cells, "Pan"), Cell(cells, "AccountId"), Cell(cells, "Mobile"), Cell(cells, "Email"),
        Cell(cells, "Address"), Cell(cells, "DateOfBirth"), Cell(cells, "RmEmail"));

    protected override Task<ImportCheck> CheckAsync(IReadOnlyList<ClientImportRow> rows, CancellationToken ct) => import.CheckAsync(rows, ct);
    protected override Task<int> ApplyAsync(IReadOnlyList<ClientImportRow> rows, CancellationToken ct) => import.ApplyAsync(rows, ct);
}
