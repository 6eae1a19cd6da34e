using System.Text;
using Npgsql;

namespace JlnbCrm.Bench.Workload;

/// <summary>
/// EXPLAIN (ANALYZE, BUFFERS) of the SQL the app sent for each operation (captured from EF Core, with its
/// parameters) and of the hand-written floor, run as the same user under row-level security.
/// </summary>
public static class Explainer
{
    public static async Task WriteAsync(string folder, BenchServer server, NpgsqlDataSource owner, IEnumerable<(Operation Operation, Persona Persona)> runs)
    {
        Directory.CreateDirectory(folder);
        foreach (var (operation, persona) in runs)
        {
            server.Commands.Captured.Clear();
            server.Commands.Capturing = true;
            await operation.Graph(persona, 7, operation.PageSize);
            server.Commands.Capturing = false;

            var text = new StringBuilder($"-- {operation.Name}, as {persona.Label} (user {persona.Person.Id})\n");
            await using var connection = await LoadRunner.AsUserAsync(owner, persona.Person.Id);
            foreach (var (sql, parameters) in server.Commands.Captured.Where(c => !c.Sql.Contains("set_config")))
            {
                text.AppendLine("\n-- The app's statement:\n" + sql + "\n");
                if (parameters.Length > 0)
                    text.AppendLine("-- Parameters: " + string.Join(", ", parameters.Select(p => $"{p.Name} = {Describe(p.Value)}")) + "\n");
                // ANALYZE runs the statement: a write the request made (an audit row) must not happen twice.
                await using var transaction = await connection.BeginTransactionAsync();
                await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection, transaction);
                foreach (var (name, value, type) in parameters)
                    explain.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
                try
                {
                    await using var reader = await explain.ExecuteReaderAsync();
                    while (await reader.ReadAsync()) text.AppendLine(reader.GetString(0));
                }
                catch (PostgresException e)
                {
                    text.AppendLine($"-- Not explained: {e.SqlState} {e.MessageText}");
                    Console.WriteLine($"  EXPLAIN of a statement of {operation.Name} ({persona.Label}) failed: {e.MessageText}");
                }
                await transaction.RollbackAsync();
            }
            var file = new string(operation.Name.Split(' ')[0].TrimEnd('.').Where(char.IsLetterOrDigit).ToArray());
            await File.WriteAllTextAsync(Path.Combine(folder, $"{file}-{persona.Label.ToLowerInvariant().Replace(' ', '-')}.txt"), text.ToString());
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "NULL",
        Array array => "{" + string.Join(",", array.Cast<object>()) + "}",
        _ => value.ToString() ?? "",
    };
}
