using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JlnbCrm.Database;

/// <summary>What every <see cref="Entity"/> table shares: key, concurrency version, timestamps.</summary>
internal abstract class EntityConfiguration<T>(SqlDialect dialect) : IEntityTypeConfiguration<T> where T : Entity
{
    protected SqlDialect Dialect { get; } = dialect;

    public void Configure(EntityTypeBuilder<T> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Version).IsConcurrencyToken().HasDefaultValue(0L);
        builder.HasIndex(e => e.CreatedAt);
        ConfigureEntity(builder);
    }

    protected abstract void ConfigureEntity(EntityTypeBuilder<T> builder);
}

internal static class CheckConstraints
{
    /// <summary>CHECK that a text column holds one of an enum's stored texts.</summary>
    public static void HasEnumCheck<TEnum>(this TableBuilder table, string column) where TEnum : struct, Enum =>
        table.HasCheckConstraint($"ck_{table.Name}_{column}", $"{column} IN ({EnumText<TEnum>.SqlList})");
}
