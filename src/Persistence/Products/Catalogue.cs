using JlnbCrm.Access;
using JlnbCrm.Database;

namespace JlnbCrm.Products;

/// <summary>The firm's products: add, edit, retire, reinstate.</summary>
public sealed class Catalogue(CrmDbContext db)
{
    public async Task<Product> CreateAsync(string name, ProductCategory category, CancellationToken ct = default)
    {
        db.Actor.RequireAdmin("manage products");
        var product = new Product(name, category);
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        return product;
    }

    public Task<Product> UpdateAsync(long id, long version, string name, ProductCategory category, CancellationToken ct = default) =>
        ChangeAsync(id, version, p => { p.Rename(name); p.Recategorise(category); }, ct);

    public Task<Product> RetireAsync(long id, long version, CancellationToken ct = default) => ChangeAsync(id, version, p => p.Retire(), ct);

    public Task<Product> ReinstateAsync(long id, long version, CancellationToken ct = default) => ChangeAsync(id, version, p => p.Reinstate(), ct);

    private async Task<Product> ChangeAsync(long id, long version, Action<Product> change, CancellationToken ct)
    {
        db.Actor.RequireAdmin("manage products");
        var product = await db.Products.LoadForEditAsync(id, version, "product", ct);
        change(product);
        await db.SaveChangesAsync(ct);
        return product;
    }
}
