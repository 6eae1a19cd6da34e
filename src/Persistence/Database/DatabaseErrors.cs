using JlnbCrm.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace JlnbCrm.Database;

/// <summary>
/// Turns a constraint the database enforced into the same <see cref="RuleError"/> the domain would have
/// raised, on PostgreSQL and SQLite alike, so a race past the domain checks still reads clearly.
/// </summary>
public static class DatabaseErrors
{
    private static readonly Dictionary<string, RuleError> Checks = new()
    {
        ["ck_clients_pan"] = new(ErrorCodes.InvalidPan, "PAN must be five letters, four digits and a letter (e.g. ABCDE1234F).", "pan"),
        ["ck_leads_pan"] = new(ErrorCodes.InvalidPan, "PAN must be five letters, four digits and a letter (e.g. ABCDE1234F).", "pan"),
        ["ck_leads_denial_reason"] = new(ErrorCodes.Required, "A denied reference needs a denial reason, and only a denied one may have it.", "denialReason"),
        ["ck_leads_converted_client"] = new(ErrorCodes.Required, "A converted reference must name its client, and only a converted one may.", "convertedClientId"),
        ["ck_leads_contact"] = new(ErrorCodes.Required, "A reference needs a mobile number or an email.", "mobile"),
        ["ck_queries_resolution"] = new(ErrorCodes.Required, "A resolved or closed query needs a resolution.", "resolution"),
        ["ck_service_requests_rejection_reason"] = new(ErrorCodes.Required, "A rejected service request needs a reason, and only a rejected one may have it.", "rejectionReason"),
        ["ck_users_team"] = new(ErrorCodes.Required, "An RM Head or Junior RM must belong to a team.", "teamId"),
        ["ck_interactions_query"] = new(ErrorCodes.Required, "A Query Resolution interaction must name its query.", "relatedQueryId"),
    };

    /// <summary>The rule errors an exception from a save or a command stands for, or null if it is not a constraint.</summary>
    /// <param name="deleting">Whether the failed work deleted rows (SQLite's foreign-key error does not say).</param>
    public static RuleViolationException? Explain(Exception exception, IModel model, bool deleting = false)
    {
        if (exception is DbUpdateConcurrencyException)
            return new([new(ErrorCodes.Conflict, "This record changed since you opened it. Reload it to see the other change, then try again.", "version")], exception);
        var error = (exception.InnerException ?? exception) switch
        {
            PostgresException pg => FromPostgres(pg, model),
            SqliteException sqlite => FromSqlite(sqlite, model, deleting),
            _ => null,
        };
        return error is null ? null : new([error], exception);
    }

    private static RuleError? FromPostgres(PostgresException e, IModel model) => e.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation => Duplicate(e.TableName, FindIndexColumns(model, e.ConstraintName)),
        PostgresErrorCodes.CheckViolation => Check(e.ConstraintName),
        PostgresErrorCodes.ForeignKeyViolation => e.MessageText.StartsWith("update or delete", StringComparison.Ordinal)
            ? InUse(e.TableName is null ? null : $"{Label(e.TableName)}") : Missing(),
        PostgresErrorCodes.NotNullViolation => new(ErrorCodes.Required, $"{e.ColumnName} is required.", Field(e.ColumnName)),
        // Row-level security refused the row: the application's own checks should have said so first.
        PostgresErrorCodes.InsufficientPrivilege => new(Access.AccessRules.NotAuthorized, $"Your role may not make this change ({e.MessageText})."),
        _ => null,
    };

    /// <summary>SQLite names the columns ("UNIQUE constraint failed: clients.pan") or the check, but not foreign keys.</summary>
    private static RuleError? FromSqlite(SqliteException e, IModel model, bool deleting)
    {
        if (e.SqliteErrorCode != 19) return null;
        // Foreign-key failures arrive with more than one extended code (787, or 1811 when checked by EF's trigger path).
        if (e.Message.Contains("FOREIGN KEY constraint failed", StringComparison.Ordinal))
            return deleting ? InUse(null) : Missing();
        var detail = e.Message[(e.Message.IndexOf("failed: ", StringComparison.Ordinal) + 8)..].TrimEnd('.', '\'');
        return e.SqliteExtendedErrorCode switch
        {
            2067 or 1555 => Duplicate(detail.Split('.')[0], detail.Split(", ").Select(c => c.Split('.')[^1]).ToArray()),
            275 => Check(detail),
            1299 => new(ErrorCodes.Required, $"{detail} is required.", Field(detail.Split('.')[^1])),
            _ => null,
        };
    }

    private static RuleError Duplicate(string? table, string[]? columns)
    {
        var field = columns is { Length: > 0 } ? Field(columns[^1]) : null;
        var what = field == "pan" ? "PAN" : field ?? "value";
        var entity = table is null ? "record" : Singular(table);
        return new(ErrorCodes.Duplicate, $"Another {entity} already has this {what}.", field);
    }

    private static RuleError Check(string? name) =>
        name is not null && Checks.TryGetValue(name, out var known) ? known
            : new(ErrorCodes.Invalid, $"The value breaks the rule {name}.", null);

    private static RuleError InUse(string? table) =>
        new(ErrorCodes.InUse, $"This record is still referenced{(table is null ? "" : $" by {table}")}; reassign or deactivate instead of deleting.", null);

    private static RuleError Missing() =>
        new(ErrorCodes.NotFound, "A referenced record does not exist.", null);

    private static string[]? FindIndexColumns(IModel model, string? indexName) =>
        model.GetEntityTypes().SelectMany(t => t.GetIndexes())
            .FirstOrDefault(i => i.GetDatabaseName() == indexName)?.Properties.Select(p => p.GetColumnName()).ToArray();

    private static string Label(string table) => table.Replace('_', ' ');

    private static string Singular(string table) => Label(table) switch
    {
        "queries" => "query",
        "client products" => "client product",
        var t when t.EndsWith('s') => t[..^1],
        var t => t,
    };

    /// <summary>snake_case column → the camelCase input field name the API and forms use.</summary>
    private static string? Field(string? column)
    {
        if (column is null) return null;
        var parts = column.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
