using System.Data.Common;
using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Users;

/// <summary>
/// A request's credential check (the user active, the security stamp in the cookie or token current, the site
/// session not revoked), sent with the request's first query instead of on its own: as the statement before the
/// query in the same batch, so it costs no round trip of its own. The actor is taken from the credential's claims
/// meanwhile (a current stamp vouches for them: a role or team change rotates it).
/// </summary>
/// <remarks>
/// The check gates the query it travels with. On PostgreSQL it runs after the row-security set-up and, when it
/// fails, empties the transaction's user id before the query runs, so the query sees what nobody sees; on SQLite
/// the query is only stepped once the check has passed. Either way the outcome is read before the query's rows, and
/// a refusal throws <see cref="CredentialRefusedException"/>, which the endpoint answers with 401. A transaction or
/// a command that is not a query runs the check first, in the same set-up command where there is one.
/// Never cached: every request asks the database, so a sign-out or deactivation on one instance refuses the next
/// request on every instance.
/// </remarks>
public sealed class CredentialCheck
{
    private const string UserParameter = "credential_user", StampParameter = "credential_stamp",
        SessionParameter = "credential_session", SubjectParameter = "credential_subject", ValidParameter = "credential_valid";

    private (long UserId, string? Stamp, string? Session)? _pending;

    /// <summary>Null until the check has run; then whether the credential is still good.</summary>
    public bool? Passed { get; private set; }

    public bool IsPending => _pending is not null;

    /// <summary>Checks this credential with the request's first statement (<paramref name="session"/>: a cookie's).</summary>
    public void Defer(long userId, string? stamp, string? session)
    {
        _pending = (userId, stamp, session);
        Passed = null;
    }

    private string Condition() =>
        $"EXISTS (SELECT 1 FROM users u WHERE u.id = @{UserParameter} AND u.is_active = TRUE AND u.security_stamp = @{StampParameter})"
        + (_pending?.Session is null ? "" : $" AND EXISTS (SELECT 1 FROM \"OpenIddictAuthorizations\" a WHERE a.id = @{SessionParameter}"
            + $" AND a.status = @{ValidParameter} AND a.subject = @{SubjectParameter})");

    /// <summary>
    /// The check as one statement answering one boolean, <c>Value</c>. On PostgreSQL it follows the row-security
    /// set-up and keeps the transaction's user id only when the check passes.
    /// </summary>
    internal string Statement(bool postgres) => postgres
        ? $"SELECT set_config('{Access.RowLevelSecurity.UserSetting}', CASE WHEN {Condition()} "
          + $"THEN current_setting('{Access.RowLevelSecurity.UserSetting}') ELSE '' END, true) <> '' AS \"Value\""
        : $"SELECT {Condition()} AS \"Value\"";

    internal void AddParameters(DbCommand command)
    {
        var (userId, stamp, session) = _pending!.Value;
        Add(command, UserParameter, userId);
        Add(command, StampParameter, stamp);
        if (session is null) return;
        Add(command, SessionParameter, session);
        Add(command, SubjectParameter, userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(command, ValidParameter, OpenIddict.Abstractions.OpenIddictConstants.Statuses.Valid);
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = value is long ? System.Data.DbType.Int64 : System.Data.DbType.String;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Puts the check in front of <paramref name="command"/>'s text; true when it did (the check was pending).</summary>
    internal bool Prepend(DbCommand command, bool postgres)
    {
        ThrowIfRefused();
        if (!IsPending) return false;
        command.CommandText = Statement(postgres) + ";\n" + command.CommandText;
        AddParameters(command);
        return true;
    }

    /// <summary>Reads the check's row (the reader stands on it), records it, and refuses the request if it failed.</summary>
    internal void Read(DbDataReader reader)
    {
        var passed = reader.Read() && reader.GetBoolean(0);
        Record(passed);
        if (passed) return;
        reader.Dispose();
        throw new CredentialRefusedException();
    }

    internal async Task ReadAsync(DbDataReader reader, CancellationToken ct)
    {
        var passed = await reader.ReadAsync(ct) && reader.GetBoolean(0);
        Record(passed);
        if (passed) return;
        await reader.DisposeAsync();
        throw new CredentialRefusedException();
    }

    /// <summary>Once refused, the request sends nothing more (a later field of a mutation must not write).</summary>
    internal void ThrowIfRefused()
    {
        if (Passed == false) throw new CredentialRefusedException();
    }

    private void Record(bool passed)
    {
        _pending = null;
        Passed = passed;
    }

    /// <summary>
    /// The outcome, running the check on its own if no statement has carried it yet (a request that read nothing,
    /// or was refused before reading); the endpoint asks this before it answers.
    /// </summary>
    public async Task<bool> EnsureAsync(CrmDbContext db, CancellationToken ct)
    {
        if (Passed is { } outcome) return outcome;
        if (!IsPending) return true;
        var postgres = db.Database.IsNpgsql();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var statement = Statement(postgres);
        AddParameters(command);
        var parameters = command.Parameters.Cast<object>().ToArray();
        command.Parameters.Clear();
        _pending = null; // the statement below must not carry the check in front of itself
        // Through EF Core, so the row-security set-up comes with it on PostgreSQL and the counters see it.
#pragma warning disable EF1002 // the statement is this class's constant text; the values are parameters
        var passed = (await db.Database.SqlQueryRaw<bool>(statement, parameters).ToListAsync(ct)).SingleOrDefault();
#pragma warning restore EF1002
        Passed = passed;
        return passed;
    }
}

/// <summary>The request's credential failed its check: answered with 401, never with data.</summary>
public sealed class CredentialRefusedException()
    : Exception("This token or sign-in is no longer valid (the user was deactivated or their access changed). Sign in again.");
