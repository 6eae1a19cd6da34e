using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JlnbCrm.Auditing;

internal sealed class AuditEntryConfiguration(SqlDialect dialect) : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log", t => t.HasEnumCheck<AuditAction>("action"));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Entity).HasMaxLength(60);
        builder.Property(a => a.Action).HasMaxLength(20);
        builder.Property(a => a.Changes).HasColumnType(dialect.JsonColumnType);
        builder.HasIndex(a => new { a.Entity, a.EntityId, a.At });
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.UserId, a.At });
    }
}
