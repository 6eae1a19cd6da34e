using JlnbCrm.Access;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Importing;

/// <summary>One row of a file as checked: its line number in the file, what it is, and why it cannot be imported.</summary>
public sealed record ImportRow(int Line, string Summary, IReadOnlyList<string> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>The check of a whole file: nothing is written unless every row is <see cref="ImportRow.Ok"/>.</summary>
public sealed record ImportCheck(IReadOnlyList<ImportRow> Rows)
{
    public bool Ok => Rows.Count > 0 && Rows.All(r => r.Ok);
    public int ErrorCount => Rows.Count(r => !r.Ok);

    /// <summary>The refusal an apply raises for a file with bad rows, naming each by its line number.</summary>
    public RuleViolationException Refusal() => new(Rows.Where(r => !r.Ok)
        .Select(r => new RuleError(ErrorCodes.Invalid, $"Row {r.Line}: {string.Join(" ", r.Errors)}", "file")).DefaultIfEmpty(
            new RuleError(ErrorCodes.Required, "The file has no rows to import.", "file")).ToList());
}

/// <summary>What every import needs: the domain's own checks per row, and staff looked up by email once per file.</summary>
internal static class ImportRules
{
    /// <summary>Runs a domain constructor or check and keeps its messages instead of stopping at the first bad row.</summary>
    public static T? Collect<T>(List<string> errors, Func<T> build) where T : class
    {
        try { return build(); }
        catch (RuleViolationException refusal) { errors.AddRange(refusal.Errors.Select(e => e.Message)); return null; }
    }

    public static async Task<Dictionary<string, User>> StaffByEmailAsync(CrmDbContext db, IEnumerable<string?> emails, CancellationToken ct)
    {
        var wanted = emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e!.Trim().ToLowerInvariant()).Distinct().ToList();
        return await db.Users.Where(u => wanted.Contains(u.Email)).ToDictionaryAsync(u => u.Email, ct);
    }

    /// <summary>The person a row names (or the importer when blank), who must be active and assignable by the importer.</summary>
    public static User? Person(CrmDbContext db, Dictionary<string, User> staff, User? me, string? email, string column, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(email)) return me;
        if (!staff.TryGetValue(email.Trim().ToLowerInvariant(), out var user))
        {
            errors.Add($"No CRM user has the email '{email}' ({column}).");
            return null;
        }
        if (!user.IsActive) errors.Add($"{user.Name} ({column}) is deactivated.");
        else Collect<object>(errors, () => { db.Actor.RequireMayAssign(user, column, selfAllowed: true); return user; });
        return user;
    }
}
