using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Leads;

/// <summary>A record a new reference may duplicate: a client or an open reference, and the field that matched.</summary>
public sealed record DuplicateMatch(string Field, string Kind, long Id, string Name);

/// <summary>
/// The intake duplicate check, shared by createLead and the add-reference page: a new reference whose PAN or mobile
/// matches an existing client or an open (New/WIP) reference is refused with POSSIBLE_DUPLICATE on that field, naming
/// the match, until the user confirms "add anyway". Mobiles match on their last ten digits, so "+91 98111 22233" and
/// "9811122233" are one number. The search runs through <c>db</c>, under the EF filters and row security, so it
/// finds only records the caller may see: a record hidden from the caller is never named, linked or hinted at.
/// </summary>
public sealed class LeadDuplicates(CrmDbContext db)
{
    /// <summary>Stored mobiles keep their spacing; Guard.Mobile allows only digits, '+', ' ' and '-', so SQL strips those.</summary>
    public async Task<IReadOnlyList<DuplicateMatch>> FindAsync(string? pan, string? mobile, CancellationToken ct = default)
    {
        var matches = new List<DuplicateMatch>();
        if (pan is not null)
        {
            matches.AddRange(await db.Clients.Where(c => c.Pan == pan)
                .Select(c => new DuplicateMatch("pan", "client", c.Id, c.Name)).Take(1).ToListAsync(ct));
            matches.AddRange(await OpenLeads().Where(l => l.Pan == pan)
                .Select(l => new DuplicateMatch("pan", "reference", l.Id, l.ProspectName)).Take(1).ToListAsync(ct));
        }
        if (LastTenDigits(mobile) is { } digits)
        {
            matches.AddRange(await db.Clients.Where(c => c.Mobile != null && c.Mobile.Replace(" ", "").Replace("-", "").Replace("+", "").EndsWith(digits))
                .Select(c => new DuplicateMatch("mobile", "client", c.Id, c.Name)).Take(1).ToListAsync(ct));
            matches.AddRange(await OpenLeads().Where(l => l.Mobile != null && l.Mobile.Replace(" ", "").Replace("-", "").Replace("+", "").EndsWith(digits))
                .Select(l => new DuplicateMatch("mobile", "reference", l.Id, l.ProspectName)).Take(1).ToListAsync(ct));
        }
        return matches;
    }

    /// <summary>Refuses the new reference if it matches something, unless the user chose to add it anyway.</summary>
    public async Task EnsureNoneAsync(LeadDetails details, bool addAnyway, CancellationToken ct = default)
    {
        if (addAnyway) return;
        var matches = await FindAsync(Pan.ParseOptional(details.Pan), Guard.Mobile(details.Mobile, "mobile"), ct);
        if (matches.Count > 0)
            throw new RuleViolationException(matches.Select(m => new RuleError(ErrorCodes.PossibleDuplicate,
                $"The {m.Kind} {m.Name} (id {m.Id}) has this {(m.Field == "pan" ? "PAN" : "mobile")}; " +
                "check it, or add the reference anyway.", m.Field)).ToList());
    }

    private IQueryable<Lead> OpenLeads() => db.Leads.Where(l => l.Status == LeadStatus.New || l.Status == LeadStatus.Wip);

    private static string? LastTenDigits(string? mobile)
    {
        var digits = mobile is null ? "" : new string(mobile.Where(char.IsDigit).ToArray());
        return digits.Length >= 10 ? digits[^10..] : null;
    }
}
