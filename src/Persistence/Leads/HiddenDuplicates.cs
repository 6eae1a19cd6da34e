using JlnbCrm.Access;
using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Leads;

/// <summary>Whether the exact PAN, and the exact mobile (last ten digits), belong to any client or open reference.</summary>
public sealed record DuplicateExistence(bool PanTaken, bool MobileTaken);

/// <summary>
/// The half of the intake duplicate check that looks past the caller's view (<see cref="LeadDuplicates"/> decides what
/// to say). A match the caller cannot see must still be flagged — two RMs chasing one prospect is the commonest data
/// problem — but must not tell them anything about the record: so this answers only "taken or not" for the exact
/// normalised value typed. Equality only (no LIKE, no prefix), and only a whole PAN (AAAAA9999A) or ten digits, so it
/// cannot be walked character by character; each hidden flag is audited by the caller, so enumeration shows in the log.
/// On PostgreSQL row security hides the other rows from the app role, so a SECURITY DEFINER function (owned by the
/// migrating role, EXECUTE for the app role only, search_path pinned) returns the two booleans; SQLite has no row
/// security, so the same rule runs here without the EF filters.
/// </summary>
public static class HiddenDuplicates
{
    public const string Function = "crm_lead_duplicate_exists";
    private const string Signature = $"{Function}(text, text)";

    /// <summary>Stored mobiles keep their spacing ('+', ' ', '-' pass Guard.Mobile): compare the last ten digits.</summary>
    private const string MobileDigits = "right(regexp_replace({0}.mobile, '[^0-9]', '', 'g'), 10)";

    public static string Create() => $$"""
        CREATE OR REPLACE FUNCTION {{Function}}(p_pan text, p_mobile text)
          RETURNS TABLE (pan_taken boolean, mobile_taken boolean)
          LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
          AS $$ SELECT
            p_pan ~ '^[A-Z]{5}[0-9]{4}[A-Z]$' AND (
              EXISTS (SELECT FROM clients c WHERE c.pan = p_pan)
              OR EXISTS (SELECT FROM leads l WHERE l.pan = p_pan AND l.status IN ('New', 'WIP'))),
            p_mobile ~ '^[0-9]{10}$' AND (
              EXISTS (SELECT FROM clients c
                WHERE c.mobile IS NOT NULL AND {{string.Format(MobileDigits, "c")}} = p_mobile)
              OR EXISTS (SELECT FROM leads l WHERE l.mobile IS NOT NULL AND l.status IN ('New', 'WIP')
                AND {{string.Format(MobileDigits, "l")}} = p_mobile)) $$;
        REVOKE ALL ON FUNCTION {{Signature}} FROM PUBLIC;
        GRANT EXECUTE ON FUNCTION {{Signature}} TO {{RowLevelSecurity.AppRole}};

        """;

    public static string Drop() => $"DROP FUNCTION IF EXISTS {Signature};";

    /// <summary>
    /// Whether a client or open reference anywhere in the firm has the PAN (already parsed, so whole and upper-case) or
    /// the mobile's last ten digits; null skips that field.
    /// </summary>
    public static async Task<DuplicateExistence> ExistAsync(
        CrmDbContext db, string? pan, string? mobileDigits, CancellationToken ct)
    {
        if (pan is null && mobileDigits is null) return new(false, false);
        if (db.Dialect.IsPostgres)
        {
            // The values are bound parameters; the function's name is a constant.
            var row = await db.Database.SqlQueryRaw<Answer>(
                    $"SELECT pan_taken, mobile_taken FROM {Function}({{0}}, {{1}})", // the model's snake_case names
                    pan ?? "", mobileDigits ?? "")
                .SingleAsync(ct);
            return new(row.PanTaken, row.MobileTaken);
        }
        var clients = db.Clients.IgnoreQueryFilters();
        var open = db.Leads.IgnoreQueryFilters().Where(l => l.Status == LeadStatus.New || l.Status == LeadStatus.Wip);
        var panTaken = pan is not null
            && (await clients.AnyAsync(c => c.Pan == pan, ct) || await open.AnyAsync(l => l.Pan == pan, ct));
        var mobileTaken = mobileDigits is not null
            && (await clients.AnyAsync(c => c.Mobile != null
                    && c.Mobile.Replace(" ", "").Replace("-", "").Replace("+", "").EndsWith(mobileDigits), ct)
                || await open.AnyAsync(l => l.Mobile != null
                    && l.Mobile.Replace(" ", "").Replace("-", "").Replace("+", "").EndsWith(mobileDigits), ct));
        return new(panTaken, mobileTaken);
    }

    private sealed class Answer
    {
        public bool PanTaken { get; init; }
        public bool MobileTaken { get; init; }
    }
}
