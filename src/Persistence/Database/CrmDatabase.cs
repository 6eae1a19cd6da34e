using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace JlnbCrm.Database;

/// <summary>Builds the context for whichever store the connection string names.</summary>
public static class CrmDatabase
{
    /// <summary>PostgreSQL when a connection string is given; otherwise SQLite in <paramref name="dataFolder"/>.</summary>
    public static CrmStore Resolve(string? postgresConnectionString, string dataFolder) =>
        string.IsNullOrWhiteSpace(postgresConnectionString)
            ? new CrmStore(CrmProvider.Sqlite, $"Data Source={Path.Combine(dataFolder, "jlnbcrm.db")}")
            : new CrmStore(CrmProvider.Postgres, postgresConnectionString);

    public static void Configure(this DbContextOptionsBuilder options, CrmStore store)
    {
        if (store.Provider == CrmProvider.Postgres)
            options.UseNpgsql(store.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"));
        else
            options.UseSqlite(store.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"));
        options.UseSnakeCaseNamingConvention();
    }

    /// <summary>A context outside dependency injection: tools, seeding, tests.</summary>
    public static CrmDbContext Open(CrmStore store, ICurrentActor? actor = null, TimeProvider? clock = null)
    {
        actor ??= Actor.System;
        clock ??= TimeProvider.System;
        if (store.Provider == CrmProvider.Postgres)
        {
            var builder = new DbContextOptionsBuilder<PostgresCrmDbContext>();
            builder.Configure(store);
            builder.AddInterceptors(new Access.RowSecuritySession(actor));
            return new PostgresCrmDbContext(builder.Options, actor, clock);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteCrmDbContext>();
        sqlite.Configure(store);
        return new SqliteCrmDbContext(sqlite.Options, actor, clock);
    }
}

public enum CrmProvider { Sqlite, Postgres }

public sealed record CrmStore(CrmProvider Provider, string ConnectionString);

/// <summary>Lets `dotnet ef migrations add --context PostgresCrmDbContext` build the model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCrmDbContext>
{
    public PostgresCrmDbContext CreateDbContext(string[] args) =>
        (PostgresCrmDbContext)CrmDatabase.Open(new CrmStore(CrmProvider.Postgres, "Host=localhost;Database=jlnbcrm_design"));
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCrmDbContext>
{
    public SqliteCrmDbContext CreateDbContext(string[] args) =>
        (SqliteCrmDbContext)CrmDatabase.Open(new CrmStore(CrmProvider.Sqlite, "Data Source=design.db"));
}
