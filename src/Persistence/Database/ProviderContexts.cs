using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace JlnbCrm.Database;

/// <summary>The production store. Its migrations live in Database/Migrations/Postgres.</summary>
public sealed class PostgresCrmDbContext(DbContextOptions<PostgresCrmDbContext> options, ICurrentActor actor, TimeProvider clock)
    : CrmDbContext(options, actor, clock)
{
    public override SqlDialect Dialect => SqlDialect.Postgres;
}

/// <summary>The embedded default. Its migrations live in Database/Migrations/Sqlite.</summary>
public sealed class SqliteCrmDbContext(DbContextOptions<SqliteCrmDbContext> options, ICurrentActor actor, TimeProvider clock)
    : CrmDbContext(options, actor, clock)
{
    public override SqlDialect Dialect => SqlDialect.Sqlite;

    /// <summary>SQLite keeps times as text without a zone; every time we write is UTC, so read them back as UTC.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        base.ConfigureConventions(conventions);
        conventions.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        conventions.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
