using System.Data.Common;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace JlnbCrm.Access;

/// <summary>
/// On PostgreSQL, every connection opened for a person's work switches to the row-secured role and names
/// the user for the policies. The settings are session-level: Npgsql resets the session (DISCARD ALL) when
/// the connection goes back to the pool, so they never leak to the next user. System work keeps the owner.
/// </summary>
public sealed class RowSecuritySession(ICurrentActor actor, string appRole = RowLevelSecurity.AppRole) : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is not NpgsqlConnection npgsql || actor.IsSystem) return;
        await using var command = Command(npgsql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not NpgsqlConnection npgsql || actor.IsSystem) return;
        using var command = Command(npgsql);
        command.ExecuteNonQuery();
    }

    /// <summary>The session set-up: the row-secured role ($1), the user's id ($2), and no JIT.</summary>
    /// <remarks>
    /// JIT is switched off for these sessions: the policies' subplans inflate the planner's cost estimates past
    /// jit_above_cost for queries that run in milliseconds, and compiling them then cost ten times the query
    /// (the benchmark measured 356 ms of JIT for a 37 ms search; bench/README.md).
    /// </remarks>
    public const string BecomeSql =
        $"SELECT set_config('role', $1, false), set_config('{RowLevelSecurity.UserSetting}', $2, false), set_config('jit', 'off', false)";

    private NpgsqlCommand Command(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(BecomeSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = appRole });
        command.Parameters.Add(new NpgsqlParameter { Value = actor.UserId?.ToString() ?? "" });
        return command;
    }
}
