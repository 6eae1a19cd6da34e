using JlnbCrm.Access;
using System.Diagnostics;
using Npgsql;

namespace JlnbCrm.Bench.Loading;

/// <summary>One table to copy: its row count, the columns in the order its writer writes them, and the writer.</summary>
/// <param name="Enter">Called on the copying task before the first row (the writer's per-table state, e.g. its generator).</param>
public sealed record TableCopy(string Table, long Rows, string Columns, Action<NpgsqlBinaryImporter, int> WriteRow, Action Enter);

/// <summary>How long one table took: its COPY alone, then its indexes, sequence and VACUUM (ANALYZE).</summary>
public sealed record TableLoad(string Table, long Rows, int Wave, TimeSpan Copy, TimeSpan Indexes)
{
    public double RowsPerSecond => Rows / Copy.TotalSeconds;
}

/// <summary>
/// A whole load. <see cref="CopyWall"/> is the wall time of the COPY phases (per wave, from its start until its
/// last COPY finished); <see cref="Total"/> includes dropping and validating the foreign keys, the index rebuilds
/// and the VACUUMs.
/// </summary>
public sealed record LoadSummary(List<TableLoad> Tables, TimeSpan CopyWall, TimeSpan ForeignKeys, TimeSpan Total)
{
    public long Rows => Tables.Sum(t => t.Rows);
    public double CopyRowsPerSecond => Rows / CopyWall.TotalSeconds;
    public double TotalRowsPerSecond => Rows / Total.TotalSeconds;
}

/// <summary>
/// Loads tables near PostgreSQL's limit. Foreign keys are dropped first, so no COPY checks a key row by row and any
/// table may be loaded on its own connection; tables are loaded in waves of foreign-key order (a table after every
/// table it references; the tables of a wave at the same time), which keeps the data loadable with the keys on and
/// lets a writer use what an earlier table recorded. Each table is emptied and copied in one transaction with
/// FREEZE (its pages are written frozen and all-visible, so the VACUUM after has nothing to rewrite), its secondary
/// indexes dropped before and rebuilt after. Then every key comes back NOT VALID (a catalogue change) and is
/// validated: one connection per table, all tables at once (VALIDATE locks only against other schema changes).
/// </summary>
public sealed class ParallelLoad(NpgsqlDataSource owner)
{
    private sealed record ForeignKey(string Table, string Name, string[] Columns, string References, string Definition);

    public async Task<LoadSummary> RunAsync(IReadOnlyList<TableCopy> tables)
    {
        var total = Stopwatch.StartNew();
        List<ForeignKey> keys;
        List<TableCopy[]> waves;
        await using (var connection = await owner.OpenConnectionAsync())
        {
            keys = await ForeignKeysAsync(connection);
            waves = Waves(tables, keys);
            foreach (var key in keys) await ExecuteAsync(connection, $"ALTER TABLE {key.Table} DROP CONSTRAINT {key.Name}");
        }

        var loads = new List<TableLoad>();
        var copyWall = TimeSpan.Zero;
        for (var w = 0; w < waves.Count; w++)
        {
            var wave = waves[w];
            Console.WriteLine($"  wave {w + 1}: {string.Join(", ", wave.Select(t => t.Table))}");
            using var board = new ProgressBoard(wave.Select(t => (t.Table, t.Rows)).ToArray());
            var done = await Task.WhenAll(wave.Select((t, i) => Task.Run(() => TableAsync(t, w + 1, board, i))));
            board.Finish();
            foreach (var load in done)
                Console.WriteLine($"    {load.Table,-17} {load.Rows,11:N0} rows, COPY {load.Copy.TotalSeconds,6:0.0} s = {load.RowsPerSecond,9:N0} rows/s; " +
                                  $"indexes + VACUUM {load.Indexes.TotalSeconds:0.0} s");
            copyWall += done.Max(l => l.Copy);
            loads.AddRange(done);
        }

        // The requests' and queries' reach triggers were off for the COPY: client_reach is filled in one statement instead.
        var reach = Stopwatch.StartNew();
        await using (var connection = await owner.OpenConnectionAsync())
        {
            await ExecuteAsync(connection, ClientReachMaintenance.Rebuild);
            await ExecuteAsync(connection, $"VACUUM (ANALYZE) {ClientReach.Table}");
        }
        Console.WriteLine($"  {ClientReach.Table} rebuilt from the requests and queries in {reach.Elapsed.TotalSeconds:0.0} s");

        var validate = Stopwatch.StartNew();
        await using (var connection = await owner.OpenConnectionAsync())
            foreach (var key in keys) await ExecuteAsync(connection, $"ALTER TABLE {key.Table} ADD CONSTRAINT {key.Name} {key.Definition} NOT VALID");
        await Task.WhenAll(keys.GroupBy(k => k.Table).Select(table => Task.Run(async () =>
        {
            await using var connection = await owner.OpenConnectionAsync();
            foreach (var key in table) await ExecuteAsync(connection, $"ALTER TABLE {key.Table} VALIDATE CONSTRAINT {key.Name}");
        })));
        validate.Stop();
        Console.WriteLine($"  {keys.Count} foreign keys re-added NOT VALID and validated in {validate.Elapsed.TotalSeconds:0.0} s");
        return new LoadSummary(loads, copyWall, validate.Elapsed, total.Elapsed);
    }

    /// <summary>
    /// Wave 1: tables that reference no other loaded table; wave n: tables whose referenced tables are all in earlier
    /// waves. Only keys on columns the load fills count: the schema has cycles (a client's source reference, a
    /// reference's converted client) through columns the generated firm leaves empty.
    /// </summary>
    private static List<TableCopy[]> Waves(IReadOnlyList<TableCopy> tables, List<ForeignKey> keys)
    {
        var names = tables.Select(t => t.Table).ToHashSet();
        var needs = tables.ToDictionary(t => t.Table, t =>
        {
            var filled = t.Columns.Split(',', StringSplitOptions.TrimEntries).ToHashSet();
            return keys.Where(k => k.Table == t.Table && k.References != t.Table && names.Contains(k.References) && k.Columns.Any(filled.Contains))
                .Select(k => k.References).ToHashSet();
        });
        var loaded = new HashSet<string>();
        var waves = new List<TableCopy[]>();
        while (loaded.Count < tables.Count)
        {
            var wave = tables.Where(t => !loaded.Contains(t.Table) && needs[t.Table].IsSubsetOf(loaded)).ToArray();
            if (wave.Length == 0) throw new InvalidOperationException("The loaded tables' foreign keys form a cycle: " + string.Join(", ", names.Except(loaded)));
            waves.Add(wave);
            loaded.UnionWith(wave.Select(t => t.Table));
        }
        return waves;
    }

    private async Task<TableLoad> TableAsync(TableCopy table, int wave, ProgressBoard board, int slot)
    {
        table.Enter();
        await using var connection = await owner.OpenConnectionAsync();
        var indexes = await SecondaryIndexesAsync(connection, table.Table);
        foreach (var (name, _) in indexes) await ExecuteAsync(connection, $"DROP INDEX {name}");
        // PostgreSQL refuses COPY into a table whose row security binds its owner; the owner lifts it for the load only.
        var forced = await ForcedRowSecurityAsync(connection, table.Table);
        if (forced) await ExecuteAsync(connection, $"ALTER TABLE {table.Table} NO FORCE ROW LEVEL SECURITY");
        // Row by row the reach triggers would serialise the parallel COPYs on client_reach; it is rebuilt after the waves.
        var reachTrigger = ClientReachMaintenance.PostgresTriggerTables.Contains(table.Table);
        if (reachTrigger) await ExecuteAsync(connection, $"ALTER TABLE {table.Table} DISABLE TRIGGER {ClientReachMaintenance.PostgresTrigger}");

        var copy = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            // FREEZE needs the table emptied in the same transaction (it is empty already: this makes it provably so).
            await ExecuteAsync(connection, $"TRUNCATE {table.Table}");
            await using (var importer = await connection.BeginBinaryImportAsync($"COPY {table.Table} ({table.Columns}) FROM STDIN (FORMAT BINARY, FREEZE)"))
            {
                for (var i = 0; i < table.Rows; i++)
                {
                    await importer.StartRowAsync();
                    table.WriteRow(importer, i);
                    board.Report(slot, i + 1);
                }
                await importer.CompleteAsync();
            }
            await transaction.CommitAsync();
        }
        copy.Stop();
        board.Report(slot, table.Rows, copy.Elapsed);
        if (forced) await ExecuteAsync(connection, $"ALTER TABLE {table.Table} FORCE ROW LEVEL SECURITY");
        if (reachTrigger) await ExecuteAsync(connection, $"ALTER TABLE {table.Table} ENABLE TRIGGER {ClientReachMaintenance.PostgresTrigger}");

        var build = Stopwatch.StartNew();
        foreach (var (_, definition) in indexes) await ExecuteAsync(connection, definition);
        await ExecuteAsync(connection, $"SELECT setval(pg_get_serial_sequence('{table.Table}', 'id'), (SELECT max(id) FROM {table.Table}))");
        // VACUUM as well as ANALYZE: it sets the visibility map, as autovacuum would on a settled database, so
        // index-only scans (the row-security sets read (user, client) pairs that way) need not visit the heap.
        await ExecuteAsync(connection, $"VACUUM (ANALYZE) {table.Table}");
        build.Stop();
        return new TableLoad(table.Table, table.Rows, wave, copy.Elapsed, build.Elapsed);
    }

    private static async Task<List<ForeignKey>> ForeignKeysAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.conrelid::regclass::text, quote_ident(c.conname),
                   ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)),
                   c.confrelid::regclass::text, pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE c.contype = 'f' AND n.nspname = 'public' ORDER BY 1, 2
            """, connection);
        var keys = new List<ForeignKey>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) keys.Add(new(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetString(3), reader.GetString(4)));
        return keys;
    }

    private static async Task<List<(string Name, string Definition)>> SecondaryIndexesAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1 AND indexname NOT LIKE 'pk\\_%'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        var list = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

    private static async Task<bool> ForcedRowSecurityAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand("SELECT relforcerowsecurity FROM pg_class WHERE oid = $1::regclass", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
