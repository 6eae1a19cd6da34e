using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Importing;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Leads;

/// <summary>A reference as a CSV row gives it (text, unchecked); Line is its line number in the file.</summary>
public sealed record LeadImportRow(int Line, string? ProspectName, string? Mobile, string? Email, string? Pan, string? Product,
    string? Mode, string? RefGivenBy, string? ObtainedByEmail, string? Notes);

/// <summary>Bulk creation of references from a file, checked row by row by the domain and written all-or-nothing.</summary>
public sealed class LeadImport(CrmDbContext db)
{
    public async Task<ImportCheck> CheckAsync(IReadOnlyList<LeadImportRow> rows, CancellationToken ct = default) =>
        new((await BuildAsync(rows, ct)).Select(r => r.Row).ToList());

    public async Task<int> ApplyAsync(IReadOnlyList<LeadImportRow> rows, CancellationToken ct = default)
    {
        var built = await BuildAsync(rows, ct);
        var check = new ImportCheck(built.Select(b => b.Row).ToList());
        if (!check.Ok) throw check.Refusal();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Leads.AddRange(built.Select(b => b.Lead!));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return built.Count;
    }

    private async Task<List<(ImportRow Row, Lead? Lead)>> BuildAsync(IReadOnlyList<LeadImportRow> rows, CancellationToken ct)
    {
        var staff = await ImportRules.StaffByEmailAsync(db, rows.Select(r => r.ObtainedByEmail), ct);
        var me = db.Actor.UserId is { } id ? await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) : null;
        var products = await db.Products.ToDictionaryAsync(p => p.Name.ToLowerInvariant(), ct);
        var result = new List<(ImportRow, Lead?)>();
        foreach (var row in rows)
        {
            var errors = new List<string>();
            var obtainer = ImportRules.Person(db, staff, me, row.ObtainedByEmail, "obtained_by_email", errors);
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
