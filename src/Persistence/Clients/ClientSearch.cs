using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Clients;

/// <summary>
/// The one client search box: a name fragment (any case; trigram index on PostgreSQL), a PAN or PAN
/// prefix, a mobile number fragment, or an account id. Shared by the API and the pages.
/// </summary>
public static class ClientSearch
{
    public static IQueryable<Client> Search(this IQueryable<Client> clients, string? term, SqlDialect dialect)
    {
        term = term?.Trim();
        if (string.IsNullOrEmpty(term)) return clients;
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
