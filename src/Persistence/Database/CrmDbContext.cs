using JlnbCrm.Access;
using JlnbCrm.Auditing;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Consents;
using JlnbCrm.Desks;
using JlnbCrm.Domain;
using JlnbCrm.Households;
using JlnbCrm.Interactions;
using JlnbCrm.Leads;
using JlnbCrm.Products;
using JlnbCrm.ServiceLevels;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore;

namespace JlnbCrm.Database;

/// <summary>
/// The CRM's unit of work. One model, two providers: <see cref="PostgresCrmDbContext"/> and
/// <see cref="SqliteCrmDbContext"/> each carry their own migrations. Every save stamps versions and
/// times and writes the audit trail in the same transaction, so no caller can forget either.
/// It also holds ASP.NET Core's data-protection key ring (<see cref="DataProtectionKeys"/>), so every instance of
/// the host, and every restart, protects and unprotects cookies and anti-forgery tokens with the same keys.
/// </summary>
public abstract partial class CrmDbContext : DbContext, IDataProtectionKeyContext
{
    private readonly ICurrentActor _actor;
    private readonly TimeProvider _clock;
    private string? _bulkLoadReason;

    protected CrmDbContext(DbContextOptions options, ICurrentActor actor, TimeProvider clock) : base(options)
        => (_actor, _clock) = (actor, clock);

    public DbSet<Role> Roles => Set<Role>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<ClientProduct> ClientProducts => Set<ClientProduct>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<ClientQuery> ClientQueries => Set<ClientQuery>();
    public DbSet<ServiceRequest> ServiceRequests => Set<ServiceRequest>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<ServiceLevel> ServiceLevels => Set<ServiceLevel>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<DeskRoute> DeskRoutes => Set<DeskRoute>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Consent> Consents => Set<Consent>();

    public abstract SqlDialect Dialect { get; }

    public ICurrentActor Actor => _actor;

    public DateTime UtcNow => _clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Until disposed, saves record one summary audit row per table instead of one per row.
    /// Only bulk loads (demo seeding, large imports) use this, and the summary itself is audited.
    /// </summary>
    public IDisposable BeginBulkLoad(string reason)
    {
        _bulkLoadReason = reason;
        return new BulkLoadScope(this);
    }

    /// <summary>Inside <see cref="BeginBulkLoad"/>: changes are not announced to subscribers one by one.</summary>
    internal bool IsBulkLoading => _bulkLoadReason is not null;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Dialect.IsPostgres) modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfiguration(new RoleConfiguration());
        modelBuilder.ApplyConfiguration(new TeamConfiguration(Dialect));
        modelBuilder.ApplyConfiguration(new UserConfiguration(Dialect));
        modelBuilder.ApplyConfiguration(new ProductConfiguration(Dialect));
        modelBuilder.ApplyConfiguration(new ClientConfiguration(Dialect));
        modelBuilder.ApplyConfiguration(new ClientProductConfiguration());
        modelBuilder.ApplyConfiguration(new HouseholdConfiguration(Dialect));
        modelBuilder.ApplyConfiguration(new LeadConfiguration(Dialect));
        modelBuilder.ApplyConfiguration(new InteractionConfiguration(Dialect));
        modelBuilder.ApplyConfiguration(new ClientQueryConfiguration(Dialect));
        modelBuilder.ApplyConfiguration(new ServiceRequestConfiguration(Dialect));
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration(Dialect));
        modelBuilder.ApplyConfiguration(new ServiceLevelConfiguration(Dialect));
        modelBuilder.ApplyConfiguration(new HolidayConfiguration(Dialect));
        modelBuilder.ApplyConfiguration(new DeskRouteConfiguration(Dialect));
        modelBuilder.ApplyConfiguration(new ConsentConfiguration(Dialect));
        ApplyRowVisibility(modelBuilder);
        Aggregates.IndianPeriods.Register(modelBuilder, Dialect);
        modelBuilder.UseOpenIddict();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<ProductCategory>().HaveConversion<EnumTextConverter<ProductCategory>>();
        conventions.Properties<LeadStatus>().HaveConversion<EnumTextConverter<LeadStatus>>();
        conventions.Properties<ModeOfCommunication>().HaveConversion<EnumTextConverter<ModeOfCommunication>>();
        conventions.Properties<InteractionType>().HaveConversion<EnumTextConverter<InteractionType>>();
        conventions.Properties<ClientQueryStatus>().HaveConversion<EnumTextConverter<ClientQueryStatus>>();
        conventions.Properties<ServiceRequestType>().HaveConversion<EnumTextConverter<ServiceRequestType>>();
        conventions.Properties<ServiceRequestStatus>().HaveConversion<EnumTextConverter<ServiceRequestStatus>>();
        conventions.Properties<TeamKind>().HaveConversion<EnumTextConverter<TeamKind>>();
        conventions.Properties<ConsentPurpose>().HaveConversion<EnumTextConverter<ConsentPurpose>>();
        conventions.Properties<Kyc.KycStatus>().HaveConversion<EnumTextConverter<Kyc.KycStatus>>();
        conventions.Properties<AuditAction>().HaveConversion<EnumTextConverter<AuditAction>>();
        conventions.Properties<ReviewFrequency>().HaveConversion<EnumTextConverter<ReviewFrequency>>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>Saves, turning constraint and concurrency failures into <see cref="RuleViolationException"/>s.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SaveAuditedAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.Explain(e, Model,
            ChangeTracker.Entries().Any(entry => entry.State == EntityState.Deleted)) is { } violation)
        {
            throw violation;
        }
    }

    private async Task<int> SaveAuditedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        var ownership = await ClientOwnership.PrepareAsync(this, cancellationToken);
        StampEntities(now);
        var trail = AuditTrail.Capture(ChangeTracker, DeleteReasonOf);
        if (trail.IsEmpty && ownership.IsEmpty) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        // The change and its audit rows commit together or not at all.
        await using var transaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        // Records that copy a client's ownership follow it once the client's (or the RM's) own row is written.
        var followed = await ownership.ApplyAsync(this, now, _actor.UserId, cancellationToken);
        await AuditWriter.InsertAsync(this, _bulkLoadReason is null
            ? [.. trail.ToEntries(now, _actor.UserId), .. followed]
            : [.. trail.ToBulkSummary(now, _actor.UserId, _bulkLoadReason)], cancellationToken);
        // Whatever following the ownership left tracked (nothing today) is saved with the change, as before.
        if (ChangeTracker.HasChanges()) await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);
        _deleteReasons.Clear();
        return written;
    }

    private void StampEntities(DateTime now)
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Entity entity when entry.State is EntityState.Added or EntityState.Modified:
                    entity.Stamp(now, entry.State == EntityState.Added);
                    break;
                case ClientProduct holding when entry.State == EntityState.Added:
                    holding.Stamp(now);
                    break;
            }
        }
    }

    private sealed class BulkLoadScope(CrmDbContext db) : IDisposable
    {
        public void Dispose() => db._bulkLoadReason = null;
    }
}
