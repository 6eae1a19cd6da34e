using System.Diagnostics;
using JlnbCrm.Access;
using Npgsql;

namespace JlnbCrm.Bench.Workload;

/// <summary>Latency figures of one operation run by one persona through one path (GraphQL, SQL, PostGraphile, PostGraphile-RLS).</summary>
public sealed record Measurement(string Operation, string Persona, string Path, int Requests, double Seconds, double P50, double P95, double P99)
{
    public double PerSecond => Requests / Seconds;

    public static Measurement From(string operation, string persona, string path, List<double> latencies, double seconds)
    {
        latencies.Sort();
        double At(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        return new(operation, persona, path, latencies.Count, seconds, At(0.50), At(0.95), At(0.99));
    }
}

/// <summary>N concurrent callers repeating one operation for a fixed time, after a short untimed warm-up.</summary>
public sealed class LoadRunner(int concurrency, TimeSpan duration)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    public Task<Measurement> GraphAsync(Operation operation, Persona persona) =>
        RunAsync(operation.Name, persona.Label, "GraphQL", async () => (object?)null, (_, i) => operation.Graph(persona, i, operation.PageSize));

    /// <summary>The operation's PostGraphile request, sent as the persona (the row-secured endpoint maps the id to app.user_id).</summary>
    public Task<Measurement> PostGraphileAsync(Operation operation, Persona persona, PostGraphileClient client) =>
        RunAsync(operation.Name, persona.Label, client.Engine, async () => (object?)null,
            (_, i) => client.QueryAsync(persona, operation.PostGraphile!(persona, i, client.Engine)));

    public Task<Measurement> SqlAsync(Operation operation, Persona persona, NpgsqlDataSource owner) =>
        RunAsync(operation.Name, persona.Label, "SQL", async () => (object?)await AsUserAsync(owner, persona.Person.Id),
            (state, i) => operation.Sql!(persona, (NpgsqlConnection)state!, i), async state => await ((NpgsqlConnection)state!).DisposeAsync());

    /// <summary>A connection working as the app's row-secured role for this user, exactly as the app's connections do.</summary>
    public static async Task<NpgsqlConnection> AsUserAsync(NpgsqlDataSource owner, long userId)
    {
        var connection = await owner.OpenConnectionAsync();
        await using var become = new NpgsqlCommand(RowSecuritySession.BecomeSql, connection);
        become.Parameters.Add(new NpgsqlParameter { Value = RowLevelSecurity.AppRole });
        become.Parameters.Add(new NpgsqlParameter { Value = userId.ToString() });
        await become.ExecuteNonQueryAsync();
        return connection;
    }

    private async Task<Measurement> RunAsync(string operation, string persona, string path, Func<Task<object?>> open,
        Func<object?, int, Task> call, Func<object?, Task>? close = null)
    {
        var counter = 0;
        var measuring = false;
        var stop = false;
        var perWorker = Enumerable.Range(0, concurrency).Select(_ => new List<double>()).ToArray();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var state = await open();
            try
            {
                while (!Volatile.Read(ref stop))
                {
                    // A request counts if it starts inside the measured window, however long it then takes.
                    var counted = Volatile.Read(ref measuring);
                    var started = Stopwatch.GetTimestamp();
                    try { await call(state, Interlocked.Increment(ref counter)); }
                    catch (OutOfInputs) { break; }
                    if (counted) perWorker[w].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
            finally { if (close is not null) await close(state); }
        })).ToArray();

        await Task.Delay(WarmUp);
        Volatile.Write(ref measuring, true);
        var clock = Stopwatch.StartNew();
        await Task.WhenAny(Task.Delay(duration), Task.WhenAll(workers));
        Volatile.Write(ref measuring, false);
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        return Measurement.From(operation, persona, path, perWorker.SelectMany(l => l).ToList(), seconds);
    }
}
