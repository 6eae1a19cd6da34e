using System.Linq.Expressions;
using System.Text.RegularExpressions;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace JlnbCrm.Clients;

/// <summary>
/// The one client search box: a name fragment (any case; trigram index on PostgreSQL), a PAN or PAN
/// prefix, a mobile number fragment, or an account id. Shared by the API and the pages. PAN and account id are
/// matched as the searcher sees them (<see cref="Client.Protected"/>), so a search never finds a client by a
/// character the searcher is not shown.
/// </summary>
public static partial class ClientSearch
{
    /// <summary>Five letters and at least one digit: only a PAN (or its start) looks like this, never a name.</summary>
    [GeneratedRegex("^[A-Z]{5}[0-9]{1,4}[A-Z]?$")]
    private static partial Regex PanShaped();

    /// <summary>pg_trgm finds no trigram in a fragment shorter than this, so its index cannot narrow the search.</summary>
    private const int ShortestTrigramFragment = 3;

    public static IQueryable<Client> Search(this IQueryable<Client> clients, string? term, CrmDbContext db, ICurrentActor actor)
    {
        var dialect = db.Dialect;
        term = SearchText.Require(term, "search")?.Trim();
        if (string.IsNullOrEmpty(term)) return clients;
        if (PanShaped().IsMatch(term.ToUpperInvariant()))
        {
            // A range, not LIKE: its comparison operators are leakproof, so PostgreSQL may use the PAN index
            // before row-level security filters the few rows found (it may not with LIKE). PANs are A–Z and 0–9,
            // so every PAN with this prefix lies between the prefix and the prefix padded with Z.
            var low = term.ToUpperInvariant();
            var high = low.PadRight(10, 'Z');
            var found = clients.Where(c => string.Compare(c.Pan, low) >= 0 && string.Compare(c.Pan, high) <= 0);
            // The same range on the PAN as the searcher sees it decides; the clear range above only lets the index
            // narrow first (a value seen in range is in range in clear: a mask's '*' sorts below every digit).
            return found.Where(AsSeen(actor, (c, pan, _) => string.Compare(pan, low) >= 0 && string.Compare(pan, high) <= 0));
        }
        var fragment = $"%{Escape(term)}%";
        var panPrefix = $"{Escape(term.ToUpperInvariant())}%";
        var digits = new string(term.Where(char.IsDigit).ToArray());
        var mobile = digits.Length >= 4 ? $"%{digits}%" : null;
        // A '*' can only match a masked PAN, which no index holds: such a term is filtered over the visible rows. The
        // function sees what the signed-in user does (row security's actor): start-up work without one filters too.
        // An admin's fragment too short for a trigram matches most of the firm: the candidates would be most of the
        // firm's ids, where filtering the rows in the list's order stops at the first page of matches.
        var narrowsFirst = !term.Contains('*') && (actor.Role != RoleLevel.Admin || term.Length >= ShortestTrigramFragment);
        if (dialect.IsPostgres && actor.UserId is not null && narrowsFirst)
        {
            // Only the few candidates the indexes find (and the caller may see) are read; the condition below decides.
            // The function is called inside the lambda, through the captured context: EF Core then passes the context
            // as a parameter. A queryable built outside (db.ClientSearchCandidates(…) in a variable) carried this
            // request's DbContext as a constant into the query, so no two requests shared a cache entry and every
            // search compiled its query anew (~50–100 ms of CPU per search; QueryCompilationTests).
            var panLow = term.ToUpperInvariant();
            clients = clients.Where(c =>
                db.ClientSearchCandidates(fragment, panLow, mobile, term).Select(f => f.Id).Contains(c.Id));
        }
        return dialect.IsPostgres
            ? clients.Where(AsSeen(actor, (c, pan, account) => EF.Functions.ILike(c.Name, fragment, "\\")
                || EF.Functions.Like(pan!, panPrefix, "\\")
                || (mobile != null && EF.Functions.Like(c.Mobile!.Replace(" ", ""), mobile)) || account == term))
            : clients.Where(AsSeen(actor, (c, pan, account) => EF.Functions.Like(c.Name, fragment, "\\")
                || EF.Functions.Like(pan!, panPrefix, "\\")
                || (mobile != null && EF.Functions.Like(c.Mobile!.Replace(" ", ""), mobile)) || account == term));
    }

    /// <summary>A condition written over (client, PAN, account id), with PAN and account id as the actor sees them.</summary>
    private static Expression<Func<Client, bool>> AsSeen(ICurrentActor actor, Expression<Func<Client, string?, string?, bool>> condition)
    {
        var client = condition.Parameters[0];
        var body = ReplacingExpressionVisitor.Replace(condition.Parameters[1], Client.Protected.Pan.AsSeenBy(actor, client), condition.Body);
        body = ReplacingExpressionVisitor.Replace(condition.Parameters[2], Client.Protected.AccountId.AsSeenBy(actor, client), body);
        return Expression.Lambda<Func<Client, bool>>(body, client);
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
