using System.Text.Json;
using JlnbCrm.Auditing;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Leads;

/// <summary>A record a new reference may duplicate: a client or an open reference, and the field that matched.</summary>
public sealed record DuplicateMatch(string Field, string Kind, long Id, string Name);

/// <summary>
/// What the check found: the matches the caller sees (named and linked), and the fields ("pan", "mobile") that match
/// only records the caller may not see (flagged, nothing else said).
/// </summary>
public sealed record DuplicateFindings(IReadOnlyList<DuplicateMatch> Visible, IReadOnlyList<string> HiddenFields)
{
    public bool Any => Visible.Count > 0 || HiddenFields.Count > 0;
}

/// <summary>
/// The intake duplicate check, shared by createLead and the add-reference page: a new reference whose PAN or mobile
/// matches an existing client or an open (New/WIP) reference is refused with POSSIBLE_DUPLICATE on that field until
/// the user confirms "add anyway". Mobiles match on their last ten digits, so "+91 98111 22233" and "9811122233" are
/// one number. A match the caller sees (read through <c>db</c>, under the EF filters and row security) is named and
/// linked. A match only outside their view is still flagged, but says nothing about the record — no id, name or RM,
/// not even whether it is a client or a reference — and is recorded in the audit trail with who checked which value,
/// so someone probing PANs or mobiles one by one shows up there (<see cref="HiddenDuplicates"/>).
/// </summary>
public sealed class LeadDuplicates(CrmDbContext db)
{
    public const string HiddenMessageEnd = "a client or reference you cannot see; ask your head or an admin.";

    /// <summary>Stored mobiles keep their spacing; Guard.Mobile allows digits, '+', ' ' and '-', so SQL strips those.</summary>
    public async Task<DuplicateFindings> FindAsync(string? pan, string? mobile, CancellationToken ct = default)
    {
        var matches = new List<DuplicateMatch>();
        if (pan is not null)
        {
            matches.AddRange(await db.Clients.Where(c => c.Pan == pan)
                .Select(c => new DuplicateMatch("pan", "client", c.Id, c.Name)).Take(1).ToListAsync(ct));
            matches.AddRange(await OpenLeads().Where(l => l.Pan == pan)
                .Select(l => new DuplicateMatch("pan", "reference", l.Id, l.ProspectName)).Take(1).ToListAsync(ct));
        }
        var digits = LastTenDigits(mobile);
        if (digits is not null)
        {
            matches.AddRange(await db.Clients
                .Where(c => c.Mobile != null && c.Mobile.Replace(" ", "").Replace("-", "").Replace("+", "").EndsWith(digits))
                .Select(c => new DuplicateMatch("mobile", "client", c.Id, c.Name)).Take(1).ToListAsync(ct));
            matches.AddRange(await OpenLeads()
                .Where(l => l.Mobile != null && l.Mobile.Replace(" ", "").Replace("-", "").Replace("+", "").EndsWith(digits))
                .Select(l => new DuplicateMatch("mobile", "reference", l.Id, l.ProspectName)).Take(1).ToListAsync(ct));
        }
        // Only the fields without a visible match ask past the caller's view: a visible match already says it all.
        var unexplainedPan = matches.Any(m => m.Field == "pan") ? null : pan;
        var unexplainedMobile = matches.Any(m => m.Field == "mobile") ? null : digits;
        var hidden = await HiddenDuplicates.ExistAsync(db, unexplainedPan, unexplainedMobile, ct);
        return new DuplicateFindings(matches,
            [.. hidden.PanTaken ? ["pan"] : Array.Empty<string>(),
             .. hidden.MobileTaken ? ["mobile"] : Array.Empty<string>()]);
    }

    /// <summary>
    /// Refuses the new reference if it matches something, unless the user chose to add it anyway. Each hidden match is
    /// audited before the refusal (which saves nothing else), with the normalised value checked.
    /// </summary>
    public async Task EnsureNoneAsync(LeadDetails details, bool addAnyway, CancellationToken ct = default)
    {
        if (addAnyway) return;
        var pan = Pan.ParseOptional(details.Pan);
        var mobile = Guard.Mobile(details.Mobile, "mobile");
        var findings = await FindAsync(pan, mobile, ct);
        if (!findings.Any) return;
        if (findings.HiddenFields.Count > 0)
            await AuditHiddenAsync(
                findings.HiddenFields.ToDictionary(f => f, f => f == "pan" ? pan : LastTenDigits(mobile)), ct);
        throw new RuleViolationException(findings.Visible.Select(m => new RuleError(ErrorCodes.PossibleDuplicate,
                $"The {m.Kind} {m.Name} (id {m.Id}) has this {FieldName(m.Field)}; check it, or add the reference anyway.",
                m.Field))
            .Concat(findings.HiddenFields.Select(f => new RuleError(ErrorCodes.PossibleDuplicate, HiddenMessage(f), f)))
            .ToList());
    }

    public static string HiddenMessage(string field) => $"This {FieldName(field)} matches {HiddenMessageEnd}";

    public static string FieldName(string field) => field == "pan" ? "PAN" : "mobile";

    /// <summary>
    /// One entry per check that met a hidden record, on no record (entity id 0: only admins read it, in the whole log):
    /// the checker is the entry's user, the values they typed are its changes.
    /// </summary>
    private async Task AuditHiddenAsync(Dictionary<string, string?> values, CancellationToken ct)
    {
        var changes = values.ToDictionary(v => v.Key, v => (object)new { old = (string?)null, @new = v.Value });
        db.AuditLog.Add(new AuditEntry(db.UtcNow, db.Actor.UserId, AuditedRecords.Leads, 0, AuditAction.HiddenDuplicate,
            JsonSerializer.Serialize(changes)));
        await db.SaveChangesAsync(ct);
    }

    private IQueryable<Lead> OpenLeads() =>
        db.Leads.Where(l => l.Status == LeadStatus.New || l.Status == LeadStatus.Wip);

    private static string? LastTenDigits(string? mobile)
    {
        var digits = mobile is null ? "" : new string(mobile.Where(char.IsDigit).ToArray());
        return digits.Length >= 10 ? digits[^10..] : null;
    }
}
