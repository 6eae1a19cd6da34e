using JlnbCrm.Domain;

namespace JlnbCrm.Products;

/// <summary>Something the firm sells. Retired products stay for history but cannot be newly sold.</summary>
public sealed class Product : Entity
{
    private Product() { }

    public Product(string name, ProductCategory category)
    {
        Rename(name);
        Recategorise(category);
        IsActive = true;
    }

    public string Name { get; private set; } = "";
    public ProductCategory Category { get; private set; }
    public bool IsActive { get; private set; }

    public void Rename(string name) => Name = Guard.Required(name, "name", 120);

    public void Recategorise(ProductCategory category) =>
        Category = Enum.IsDefined(category) ? category
            : throw new RuleViolationException(ErrorCodes.Invalid, "Unknown product category.", "category");

    public void Retire() => IsActive = false;

    public void Reinstate() => IsActive = true;

    internal void EnsureSellable(string field)
    {
        if (!IsActive)
            throw new RuleViolationException(ErrorCodes.Invalid, $"Product '{Name}' is retired and cannot be sold.", field);
    }
}
