using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.ServiceRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JlnbCrm.ServiceLevels;

internal sealed class ServiceLevelConfiguration(SqlDialect dialect) : EntityConfiguration<ServiceLevel>(dialect)
{
    /// <summary>The seeded rows' timestamps: fixed, so the model snapshot does not change at every build.</summary>
    private static readonly DateTime Seeded = new(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc);

    protected override void ConfigureEntity(EntityTypeBuilder<ServiceLevel> builder)
    {
        builder.ToTable("service_levels", t =>
        {
            t.HasCheckConstraint("ck_service_levels_subject",
                $"subject IN ({EnumText<ServiceRequestType>.SqlList}, '{ServiceLevel.ClientQueries}')");
            t.HasCheckConstraint("ck_service_levels_working_days", $"working_days BETWEEN 1 AND {ServiceLevel.MaxWorkingDays}");
        });
        builder.Property(l => l.Subject).HasMaxLength(30);
        builder.Ignore(l => l.RequestType);
        builder.HasIndex(l => l.Subject).IsUnique();
        builder.HasData(ServiceLevel.Defaults.OrderBy(d => ServiceLevel.SeedOrder(d.Key))
            .ThenBy(d => d.Key == ServiceLevel.ClientQueries).ThenBy(d => d.Key)
            .Select((d, i) => new
            {
                Id = i + 1L, Subject = d.Key, WorkingDays = d.Value, Version = 0L, CreatedAt = Seeded, UpdatedAt = Seeded,
            }));
    }
}

internal sealed class HolidayConfiguration(SqlDialect dialect) : EntityConfiguration<Holiday>(dialect)
{
    protected override void ConfigureEntity(EntityTypeBuilder<Holiday> builder)
    {
        builder.ToTable("holidays", t => t.HasCheckConstraint("ck_holidays_name", Dialect.NotBlank("name")));
        builder.Property(h => h.Name).HasMaxLength(120);
        builder.HasIndex(h => h.Date).IsUnique();
    }
}
