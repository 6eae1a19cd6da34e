using JlnbCrm.Database;
using JlnbCrm.ServiceRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JlnbCrm.Desks;

internal sealed class DeskRouteConfiguration(SqlDialect dialect) : EntityConfiguration<DeskRoute>(dialect)
{
    protected override void ConfigureEntity(EntityTypeBuilder<DeskRoute> builder)
    {
        builder.ToTable("desk_routes", t => t.HasEnumCheck<ServiceRequestType>("type"));
        builder.Property(r => r.Type).HasMaxLength(30);
        builder.HasIndex(r => r.Type).IsUnique(); // one desk per type
        builder.HasIndex(r => r.TeamId);
        builder.HasOne(r => r.Team).WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
