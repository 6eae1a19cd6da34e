using JlnbCrm.AdminPages.Forms;
using JlnbCrm.AdminPages.Listing;
using JlnbCrm.Database;
using JlnbCrm.Products;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Admin;

/// <summary>One product: rename or recategorise it (administrators only; the domain refuses anyone else).</summary>
public sealed class EditProductModel(CrmDbContext db, Catalogue catalogue, History history) : RecordPage(db, history)
{
    public Product Product { get; private set; } = null!;

    [BindProperty] public ProductForm Input { get; set; } = new();

    public Task<IActionResult> OnPostAsync(long id, CancellationToken ct) =>
        EditAsync(id, "Input", Input, "Product saved.", () => catalogue.UpdateAsync(id, Version, Input.Name!, Input.Category!.Value, ct),
            () => Input, () => ProductForm.From(Product), ct);

    protected override string PathOf(long id) => $"/admin/products/{id}";

    protected override async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var product = await Db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return false;
        Product = product;
        Opened(product);
        if (Request.Method == HttpMethods.Get) Input = ProductForm.From(product);
        await ReadHistoryAsync("products", id, ct);
        return true;
    }
}
