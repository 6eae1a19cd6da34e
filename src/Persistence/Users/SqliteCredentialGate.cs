using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace JlnbCrm.Users;

/// <summary>
/// SQLite's side of <see cref="CredentialCheck"/> (PostgreSQL's is in <see cref="Access.RowSecuritySession"/>): the
/// check is the first statement of the request's first query, and SQLite steps the query only when the reader moves
/// past the check, which it does only once the check has passed. Any other first command (a write, a transaction)
/// runs the check on its own first.
/// </summary>
public sealed class SqliteCredentialGate(CredentialCheck check) : DbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbCommand, object> _checking = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        if (command is SqliteCommand && check.Prepend(command, postgres: false)) _checking.AddOrUpdate(command, command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ReaderExecuting(command, eventData, result));

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (!_checking.TryGetValue(command, out _)) return result;
        _checking.Remove(command);
        check.Read(result);
        result.NextResult();
        return result;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
        DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (!_checking.TryGetValue(command, out _)) return result;
        _checking.Remove(command);
        await check.ReadAsync(result, cancellationToken);
        await result.NextResultAsync(cancellationToken);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Alone(command.Connection, command.Transaction);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(NonQueryExecuting(command, eventData, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result)
    {
        Alone(command.Connection, command.Transaction);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ScalarExecuting(command, eventData, result));

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Alone(connection, result);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarted(connection, eventData, result));

    /// <summary>SQLite runs in the process: the check on its own costs no round trip.</summary>
    private void Alone(DbConnection? connection, DbTransaction? transaction)
    {
        if (connection is not SqliteConnection) return;
        check.ThrowIfRefused();
        if (!check.IsPending) return;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        check.Prepend(command, postgres: false);
        command.CommandText = command.CommandText.TrimEnd().TrimEnd(';');
        using var reader = command.ExecuteReader();
        check.Read(reader);
    }
}
