using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JlnbCrm.Products;

internal sealed class ProductConfiguration(SqlDialect dialect) : EntityConfiguration<Product>(dialect)
{
    protected override void ConfigureEntity(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("products", t =>
        {
            t.HasEnumCheck<ProductCategory>("category");
            t.HasCheckConstraint("ck_products_name", Dialect.NotBlank("name"));
        });
        builder.Property(p => p.Name).HasMaxLength(120);
        builder.Property(p => p.Category).HasMaxLength(40);
        builder.Property(p => p.IsActive).HasDefaultValue(true);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.HasIndex(p => p.Category);
    }
}
