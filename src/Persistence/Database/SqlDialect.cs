using JlnbCrm.Aggregates;
using JlnbCrm.Domain;
using JlnbCrm.ServiceLevels;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace JlnbCrm.Database;

/// <summary>
/// The few pieces of SQL the two providers spell differently (CHECK constraints, JSON columns, India-time
/// calendar buckets).
/// </summary>
public abstract class SqlDialect
{
    public abstract bool IsPostgres { get; }
    public abstract string JsonColumnType { get; }
    public abstract string PanCheck(string column);

    /// <summary>
    /// The India (Asia/Kolkata) calendar date, as <c>yyyy-MM-dd</c> text, on which the day, week (from Monday) or
    /// month holding the stored UTC instant <paramref name="at"/> begins; null for null. The aggregates' periods.
    /// </summary>
    public abstract SqlExpression IndianPeriodStart(SqlExpression at, PeriodUnit unit);

    private static readonly RelationalTypeMapping Text = new StringTypeMapping("text", System.Data.DbType.String);

    protected static SqlExpression Literal(string value) => new SqlConstantExpression(value, typeof(string), Text);

    protected static SqlExpression Function(string name, params SqlExpression[] args) =>
        new SqlFunctionExpression(name, args, nullable: true, args.Select(_ => true), typeof(string), Text);

    /// <summary>Non-empty after trimming; the same on both providers.</summary>
    public string NotBlank(string column) => $"length(trim({column})) > 0";

    public static readonly SqlDialect Postgres = new PostgresDialect();
    public static readonly SqlDialect Sqlite = new SqliteDialect();

    private sealed class PostgresDialect : SqlDialect
    {
        public override bool IsPostgres => true;
        public override string JsonColumnType => "jsonb";
        public override string PanCheck(string column) => $"{column} ~ '{Pan.Pattern}'";

        /// <summary>timezone() turns the timestamptz into India's wall clock; date_trunc's weeks start on Monday.</summary>
        public override SqlExpression IndianPeriodStart(SqlExpression at, PeriodUnit unit) =>
            Function("to_char", Function("date_trunc", Literal(unit.ToString().ToLowerInvariant()),
                Function("timezone", Literal(WorkingCalendar.India.Id), at)), Literal("YYYY-MM-DD"));
    }

    /// <summary>SQLite has no regular expressions: GLOB (case-sensitive) checks each part of the PAN.</summary>
    private sealed class SqliteDialect : SqlDialect
    {
        public override bool IsPostgres => false;
        public override string JsonColumnType => "TEXT";
        public override string PanCheck(string column) =>
            $"length({column}) = 10 AND substr({column}, 1, 5) NOT GLOB '*[^A-Z]*' " +
            $"AND substr({column}, 6, 4) NOT GLOB '*[^0-9]*' AND substr({column}, 10, 1) GLOB '[A-Z]'";

        /// <summary>
        /// SQLite has no time zones: India's fixed offset (no daylight saving since 1945) is added to the stored UTC
        /// text; 'weekday 0' moves to the coming Sunday, six days back is that week's Monday.
        /// </summary>
        public override SqlExpression IndianPeriodStart(SqlExpression at, PeriodUnit unit)
        {
            var offset = Literal($"+{(int)WorkingCalendar.India.BaseUtcOffset.TotalMinutes} minutes");
            return unit switch
            {
                PeriodUnit.Day => Function("date", at, offset),
                PeriodUnit.Week => Function("date", at, offset, Literal("weekday 0"), Literal("-6 days")),
                _ => Function("date", at, offset, Literal("start of month")),
            };
        }
    }
}
