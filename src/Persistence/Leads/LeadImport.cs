using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Importing;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Leads;

/// <summary>A reference as a CSV row gives it (text, unchecked); Line is its line number in the file.</summary>
public sealed record LeadImportRow(int Line, string? ProspectName, string? Mobile, string? Email, string? Pan, string? Product,
    string? Mode, string? RefGivenBy, string? ObtainedByEmail, string? Notes);

/// <summary>Bulk creation of references from a file, checked row by row by the domain and written all-or-nothing.</summary>
public sealed class LeadImport(CrmDbContext db) : ImportJob<LeadImportRow, Lead>(db)
{
    protected override async Task<List<(ImportRow Row, Lead? Entity)>> BuildAsync(IReadOnlyList<LeadImportRow> rows, CancellationToken ct)
    {
        var staff = await ImportRules.StaffByEmailAsync(Db, rows.Select(r => r.ObtainedByEmail), ct);
        var me = await ImporterAsync(ct);
        var products = await Db.Products.ToDictionaryAsync(p => p.Name.ToLowerInvariant(), ct);
        var result = new List<(ImportRow, Lead?)>();
        foreach (var row in rows)
        {
            var errors = new List<string>();
            var obtainer = ImportRules.Person(Db, staff, me, row.ObtainedByEmail, "obtained_by_email", errors);
            var product = products.GetValueOrDefault(row.Product?.Trim().ToLowerInvariant() ?? "");
            if (product is null) errors.Add($"No product is called '{row.Product}'.");
            else ImportRules.Collect<object>(errors, () => { product.EnsureSellable("product"); return product; });
            ModeOfCommunication? mode = EnumText<ModeOfCommunication>.Texts.FirstOrDefault(t => t.Equals(row.Mode?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } text
                ? EnumText<ModeOfCommunication>.Parse(text) : null;
            if (mode is null) errors.Add($"Mode '{row.Mode}' is not one of {string.Join(", ", EnumText<ModeOfCommunication>.Texts)}.");
            var lead = ImportRules.Collect(errors, () => new Lead(new LeadDetails(row.ProspectName ?? "", row.Mobile, row.Email, row.Pan,
                row.RefGivenBy, mode ?? default, product?.Id ?? 0, null, row.Notes), obtainer?.Id ?? 0));
            result.Add((new ImportRow(row.Line, row.ProspectName ?? "", errors), errors.Count == 0 ? lead : null));
        }
        return result;
    }
}
