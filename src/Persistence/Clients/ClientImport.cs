using System.Globalization;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Importing;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Clients;

/// <summary>A client as a CSV row gives it (text, unchecked); Line is its line number in the file.</summary>
public sealed record ClientImportRow(int Line, string? Name, string? Pan, string? AccountId, string? Mobile, string? Email,
    string? Address, string? DateOfBirth, string? RmEmail);

/// <summary>
/// Bulk creation of clients from a file: every row is checked by the same domain rules as the form (PAN,
/// duplicates within the file and in the book, the RM and whether the importer may assign to them), and
/// the file is written all-or-nothing in one transaction.
/// </summary>
public sealed class ClientImport(CrmDbContext db) : ImportJob<ClientImportRow, Client>(db)
{
    protected override async Task<List<(ImportRow Row, Client? Entity)>> BuildAsync(IReadOnlyList<ClientImportRow> rows, CancellationToken ct)
    {
        var staff = await ImportRules.StaffByEmailAsync(Db, rows.Select(r => r.RmEmail), ct);
        var me = await ImporterAsync(ct);
        var pans = rows.Select(r => r.Pan?.Trim().ToUpperInvariant()).Where(p => !string.IsNullOrEmpty(p)).Distinct().ToList();
        var taken = await Db.Clients.Where(c => pans.Contains(c.Pan)).Select(c => c.Pan).ToListAsync(ct);
        var seen = new Dictionary<string, int>();
        var result = new List<(ImportRow, Client?)>();
        foreach (var row in rows)
        {
            var errors = new List<string>();
            var rm = ImportRules.Person(Db, staff, me, row.RmEmail, "rm_email", errors);
            DateOnly? dob = null;
            if (!string.IsNullOrWhiteSpace(row.DateOfBirth))
            {
                if (DateOnly.TryParseExact(row.DateOfBirth.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) dob = parsed;
                else errors.Add($"Date of birth '{row.DateOfBirth}' is not a date (use YYYY-MM-DD).");
            }
            var client = ImportRules.Collect(errors, () => new Client(
                new ClientDetails(row.Name ?? "", row.Pan ?? "", row.AccountId, row.Mobile, row.Email, row.Address, dob), rm?.Id ?? 0));
            if (client is not null)
            {
                if (taken.Contains(client.Pan)) errors.Add($"PAN {client.Pan} already belongs to a client.");
                else if (seen.TryGetValue(client.Pan, out var first)) errors.Add($"PAN {client.Pan} is also on row {first} of this file.");
                else seen[client.Pan] = row.Line;
            }
            result.Add((new ImportRow(row.Line, $"{row.Name} ({row.Pan})", errors), errors.Count == 0 ? client : null));
        }
        return result;
    }
}
