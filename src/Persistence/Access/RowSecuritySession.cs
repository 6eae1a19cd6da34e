using System.Data.Common;
using System.Runtime.CompilerServices;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace JlnbCrm.Access;

/// <summary>
/// On PostgreSQL, every unit of work done for a person runs in a transaction that first switches to the row-secured
/// role and names the user for the policies, with transaction-local settings (<c>set_config(…, true)</c>, i.e.
/// <c>SET LOCAL</c>). Nothing is left on the server session, so the CRM is correct behind a transaction-mode pooler
/// (PgBouncer, Supabase's Supavisor), where consecutive transactions of one client may run on different server
/// connections and one server connection serves many clients. System work (migrations, seeding) keeps the owner.
/// </summary>
/// <remarks>
/// Two paths, so that every command is covered and no existing code has to change:
/// <list type="bullet">
/// <item>a transaction EF Core starts (SaveChanges, or a service's <c>BeginTransactionAsync</c>) gets the set-up as
/// its first command (<see cref="IDbTransactionInterceptor"/>);</item>
/// <item>a query EF Core runs outside any transaction carries the set-up as the first statement of its own batch
/// (<see cref="BecomeLocalPrefix"/>). Npgsql sends a batch with one Sync, so PostgreSQL runs its statements as one
/// implicit transaction: the settings hold for the query and end with it, and the read costs one round trip instead
/// of three (BEGIN with the set-up, the query, COMMIT). The set-up's result set is skipped before EF Core reads;</item>
/// <item>any other command outside a transaction (a one-statement SaveChanges, ExecuteUpdate/ExecuteDelete,
/// scalars) is wrapped in a transaction of its own: begun with the set-up before the command, committed when the
/// command finishes, rolled back when it fails.</item>
/// </list>
/// Chosen over one transaction per request: a failed statement would abort the whole request's transaction (the
/// conflict view reads after a refused save), and the services that open their own transactions would nest.
/// </remarks>
/// <param name="check">The request's credential check, sent with the first set-up (see <see cref="Users.CredentialCheck"/>).</param>
public sealed class RowSecuritySession(ICurrentActor actor, string appRole = RowLevelSecurity.AppRole,
    Users.CredentialCheck? check = null)
    : IDbCommandInterceptor, IDbTransactionInterceptor
{
    /// <summary>
    /// The set-up: the row-secured role ($1), the user's id ($2, "" for nobody), and no JIT, until the transaction
    /// ends. JIT is off because the policies' subplans inflate the planner's cost estimates past jit_above_cost for
    /// queries that run in milliseconds, and compiling them cost ten times the query (bench/README.md).
    /// </summary>
    public const string BecomeLocalSql =
        $"SELECT set_config('role', $1, true), set_config('{RowLevelSecurity.UserSetting}', $2, true), set_config('jit', 'off', true)";

    private const string RoleParameter = "row_security_role", UserParameter = "row_security_user";

    /// <summary>
    /// <see cref="BecomeLocalSql"/> as the first statement of a query's batch, with named parameters (EF Core names
    /// its own) so the text stays the same for every user and auto-preparation keeps one statement.
    /// </summary>
    public const string BecomeLocalPrefix =
        $"SELECT set_config('role', @{RoleParameter}, true), set_config('{RowLevelSecurity.UserSetting}', @{UserParameter}, true), "
        + "set_config('jit', 'off', true);\n";

    /// <summary>
    /// The same settings for a whole session: only for tools and tests that hold one direct connection to the
    /// server (never through a transaction pooler); the app itself uses <see cref="BecomeLocalSql"/>.
    /// </summary>
    public const string BecomeSql =
        $"SELECT set_config('role', $1, false), set_config('{RowLevelSecurity.UserSetting}', $2, false), set_config('jit', 'off', false)";

    /// <summary>The transaction this interceptor opened on a connection, and how many commands still use it.</summary>
    private sealed class Own(DbConnection connection, DbTransaction transaction)
    {
        public DbConnection Connection { get; } = connection;
        public DbTransaction Transaction { get; } = transaction;
        public int Commands { get; set; } = 1;
    }

    private readonly ConditionalWeakTable<DbConnection, Own> _byConnection = new();
    private readonly ConditionalWeakTable<DbCommand, Own> _byCommand = new();
    /// <summary>Queries carrying the set-up, and whether the credential check came with it.</summary>
    private readonly ConditionalWeakTable<DbCommand, StrongBox<bool>> _prefixed = new();

    private bool Applies(DbConnection connection) => connection is NpgsqlConnection && !actor.IsSystem;

    // EF Core's transactions: the set-up is their first command.

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (Applies(connection)) Become(connection, result);
        return result;
    }

    public async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        if (Applies(connection)) await BecomeAsync(connection, result, cancellationToken);
        return result;
    }

    public DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result)
    {
        if (Applies(connection)) Become(connection, result);
        return result;
    }

    public async ValueTask<DbTransaction> TransactionUsedAsync(
        DbConnection connection, TransactionEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        if (Applies(connection)) await BecomeAsync(connection, result, cancellationToken);
        return result;
    }

    // Commands outside a transaction: a transaction of their own.

    public InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (!Prefix(command, eventData)) Wrap(command);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (!Prefix(command, eventData)) await WrapAsync(command, cancellationToken);
        return result;
    }

    /// <summary>A prefixed query's reader starts on the set-up's row: EF Core reads from the query's own result.</summary>
    public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (_prefixed.TryGetValue(command, out var checking))
        {
            _prefixed.Remove(command);
            result.NextResult();
            if (checking.Value)
            {
                check!.Read(result);
                result.NextResult();
            }
        }
        return result;
    }

    public async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (_prefixed.TryGetValue(command, out var checking))
        {
            _prefixed.Remove(command);
            await result.NextResultAsync(cancellationToken);
            if (checking.Value)
            {
                await check!.ReadAsync(result, cancellationToken);
                await result.NextResultAsync(cancellationToken);
            }
        }
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Wrap(command);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await WrapAsync(command, cancellationToken);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Wrap(command);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await WrapAsync(command, cancellationToken);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Commit(command);
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await CommitAsync(command, cancellationToken);
        return result;
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Commit(command);
        return result;
    }

    public async ValueTask<object?> ScalarExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        await CommitAsync(command, cancellationToken);
        return result;
    }

    /// <summary>A reader's transaction ends once the reader is closed (the connection is busy until then).</summary>
    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        if (!IsOwn(command)) return result;
        eventData.DataReader.Close();
        Commit(command);
        return InterceptionResult.Suppress();
    }

    public async ValueTask<InterceptionResult> DataReaderClosingAsync(
        DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        if (!IsOwn(command)) return result;
        await eventData.DataReader.CloseAsync();
        await CommitAsync(command, CancellationToken.None);
        return InterceptionResult.Suppress();
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData)
    {
        if (Release(command) is { } transaction) transaction.Dispose();
    }

    public async Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Release(command) is { } transaction) await transaction.DisposeAsync();
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData)
    {
        if (Release(command) is { } transaction) transaction.Dispose();
    }

    public async Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Release(command) is { } transaction) await transaction.DisposeAsync();
    }

    /// <summary>
    /// Puts the set-up in front of a query that runs outside any transaction (see the class remarks). Not when this
    /// interceptor's own transaction is open on the connection (the query joins it), nor beside positional
    /// parameters, which cannot be mixed with the set-up's named ones: those take the wrapping transaction. Nor a
    /// save (EF Core sends a one-statement save without a transaction): EF Core reads each statement's affected-row
    /// count by its place in the batch, so the set-up's one row would stand for the save's count and a stale
    /// concurrency token (or a row deleted meanwhile) would pass as saved; a save gets a transaction of its own.
    /// </summary>
    private bool Prefix(DbCommand command, CommandEventData eventData)
    {
        if (eventData.CommandSource == CommandSource.SaveChanges) return false;
        if (command.Transaction is not null || command is not NpgsqlCommand npgsql || npgsql.Connection is not { } connection
            || !Applies(connection) || _byConnection.TryGetValue(connection, out _)
            || npgsql.Parameters.Any(p => string.IsNullOrEmpty(p.ParameterName)))
            return false;
        var checking = check?.Prepend(npgsql, postgres: true) == true;
        npgsql.CommandText = BecomeLocalPrefix + npgsql.CommandText;
        npgsql.Parameters.Add(new NpgsqlParameter(RoleParameter, appRole));
        npgsql.Parameters.Add(new NpgsqlParameter(UserParameter, actor.UserId?.ToString() ?? ""));
        _prefixed.AddOrUpdate(command, new StrongBox<bool>(checking));
        return true;
    }

    /// <remarks>
    /// A split query runs its next command while the previous one's reader is buffered but not yet disposed: the
    /// next command joins the open transaction, which is committed when the last command using it is done.
    /// </remarks>
    private void Wrap(DbCommand command)
    {
        if (command.Transaction is not null || command.Connection is not { } connection || !Applies(connection)) return;
        if (Join(command, connection)) return;
        var own = new Own(connection, connection.BeginTransaction());
        Track(command, own);
        try { Become(connection, own.Transaction); }
        catch { Release(command)?.Dispose(); throw; }
    }

    private async Task WrapAsync(DbCommand command, CancellationToken ct)
    {
        if (command.Transaction is not null || command.Connection is not { } connection || !Applies(connection)) return;
        if (Join(command, connection)) return;
        var own = new Own(connection, await connection.BeginTransactionAsync(ct));
        Track(command, own);
        try { await BecomeAsync(connection, own.Transaction, ct); }
        catch
        {
            if (Release(command) is { } transaction) await transaction.DisposeAsync();
            throw;
        }
    }

    private bool Join(DbCommand command, DbConnection connection)
    {
        if (!_byConnection.TryGetValue(connection, out var own)) return false;
        own.Commands++;
        _byCommand.AddOrUpdate(command, own);
        command.Transaction = own.Transaction;
        return true;
    }

    private void Track(DbCommand command, Own own)
    {
        _byConnection.AddOrUpdate(own.Connection, own);
        _byCommand.AddOrUpdate(command, own);
        command.Transaction = own.Transaction;
    }

    private void Commit(DbCommand command)
    {
        if (Release(command) is not { } transaction) return;
        using (transaction) transaction.Commit();
    }

    private async Task CommitAsync(DbCommand command, CancellationToken ct)
    {
        if (Release(command) is not { } transaction) return;
        await using (transaction) await transaction.CommitAsync(ct);
    }

    private bool IsOwn(DbCommand command) => _byCommand.TryGetValue(command, out _);

    /// <summary>
    /// Takes this interceptor's transaction off the command (EF Core may reuse it); returns the transaction to end
    /// when no other command still uses it.
    /// </summary>
    private DbTransaction? Release(DbCommand command)
    {
        if (!_byCommand.TryGetValue(command, out var own)) return null;
        _byCommand.Remove(command);
        command.Transaction = null;
        if (--own.Commands > 0) return null;
        _byConnection.Remove(own.Connection);
        return own.Transaction;
    }

    /// <summary>The set-up, followed by the credential check when one is pending (the same round trip).</summary>
    private void Become(DbConnection connection, DbTransaction transaction)
    {
        using var command = Command(connection, transaction, out var checking);
        if (!checking) { command.ExecuteNonQuery(); return; }
        using var reader = command.ExecuteReader();
        reader.NextResult();
        check!.Read(reader);
    }

    private async Task BecomeAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = Command(connection, transaction, out var checking);
        if (!checking) { await command.ExecuteNonQueryAsync(ct); return; }
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        await check!.ReadAsync(reader, ct);
    }

    private NpgsqlCommand Command(DbConnection connection, DbTransaction transaction, out bool checking)
    {
        var command = new NpgsqlCommand("", (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        checking = check?.Prepend(command, postgres: true) == true;
        command.CommandText = (BecomeLocalPrefix + command.CommandText).TrimEnd().TrimEnd(';');
        command.Parameters.Add(new NpgsqlParameter(RoleParameter, appRole));
        command.Parameters.Add(new NpgsqlParameter(UserParameter, actor.UserId?.ToString() ?? ""));
        return command;
    }
}
