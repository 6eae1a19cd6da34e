using System.Text.RegularExpressions;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Clients;

/// <summary>
/// The one client search box: a name fragment (any case; trigram index on PostgreSQL), a PAN or PAN
/// prefix, a mobile number fragment, or an account id. Shared by the API and the pages.
/// </summary>
public static partial class ClientSearch
{
    /// <summary>Five letters and at least one digit: only a PAN (or its start) looks like this, never a name.</summary>
    [GeneratedRegex("^[A-Z]{5}[0-9]{1,4}[A-Z]?$")]
    private static partial Regex PanShaped();

    public static IQueryable<Client> Search(this IQueryable<Client> clients, string? term, SqlDialect dialect)
    {
        term = SearchText.Require(term, "search")?.Trim();
        if (string.IsNullOrEmpty(term)) return clients;
        if (PanShaped().IsMatch(term.ToUpperInvariant()))
        {
            // A range, not LIKE: its comparison operators are leakproof, so PostgreSQL may use the PAN index
            // before row-level security filters the few rows found (it may not with LIKE). PANs are A–Z and 0–9,
            // so every PAN with this prefix lies between the prefix and the prefix padded with Z.
            var low = term.ToUpperInvariant();
            var high = low.PadRight(10, 'Z');
            return clients.Where(c => string.Compare(c.Pan, low) >= 0 && string.Compare(c.Pan, high) <= 0);
        }
        var fragment = $"%{Escape(term)}%";
        var panPrefix = $"{Escape(term.ToUpperInvariant())}%";
        var digits = new string(term.Where(char.IsDigit).ToArray());
        var mobile = digits.Length >= 4 ? $"%{digits}%" : null;
        return dialect.IsPostgres
            ? clients.Where(c => EF.Functions.ILike(c.Name, fragment, "\\") || EF.Functions.Like(c.Pan, panPrefix, "\\")
                || (mobile != null && EF.Functions.Like(c.Mobile!.Replace(" ", ""), mobile)) || c.AccountId == term)
            : clients.Where(c => EF.Functions.Like(c.Name, fragment, "\\") || EF.Functions.Like(c.Pan, panPrefix, "\\")
                || (mobile != null && EF.Functions.Like(c.Mobile!.Replace(" ", ""), mobile)) || c.AccountId == term);
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
