using JlnbCrm.Domain;

namespace JlnbCrm.Database;

/// <summary>The few pieces of SQL the two providers spell differently (CHECK constraints, JSON columns).</summary>
public abstract class SqlDialect
{
    public abstract bool IsPostgres { get; }
    public abstract string JsonColumnType { get; }
    public abstract string PanCheck(string column);

    /// <summary>Non-empty after trimming; the same on both providers.</summary>
    public string NotBlank(string column) => $"length(trim({column})) > 0";

    public static readonly SqlDialect Postgres = new PostgresDialect();
    public static readonly SqlDialect Sqlite = new SqliteDialect();

    private sealed class PostgresDialect : SqlDialect
    {
        public override bool IsPostgres => true;
        public override string JsonColumnType => "jsonb";
        public override string PanCheck(string column) => $"{column} ~ '{Pan.Pattern}'";
    }

    /// <summary>SQLite has no regular expressions: GLOB (case-sensitive) checks each part of the PAN.</summary>
    private sealed class SqliteDialect : SqlDialect
    {
        public override bool IsPostgres => false;
        public override string JsonColumnType => "TEXT";
        public override string PanCheck(string column) =>
            $"length({column}) = 10 AND substr({column}, 1, 5) NOT GLOB '*[^A-Z]*' " +
            $"AND substr({column}, 6, 4) NOT GLOB '*[^0-9]*' AND substr({column}, 10, 1) GLOB '[A-Z]'";
    }
}
