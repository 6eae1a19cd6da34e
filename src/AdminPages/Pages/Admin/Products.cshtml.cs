using System.ComponentModel.DataAnnotations;
using JlnbCrm.AdminPages.Forms;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Products;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.AdminPages.Pages.Admin;

/// <summary>The product catalogue: create, retire (no new sales; holdings stay) and reinstate.</summary>
public sealed class ProductsModel(CrmDbContext db, Catalogue catalogue) : PageModel
{
    public IReadOnlyList<Product> Products { get; private set; } = [];

    [BindProperty] public ProductForm Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Products = await db.Products.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        RunAsync(ModelState.IsValid, async () => $"Product {(await catalogue.CreateAsync(Input.Name!, Input.Category!.Value, ct)).Name} created.", ct);

    public Task<IActionResult> OnPostRetireAsync(long id, long version, CancellationToken ct) =>
        RunAsync(true, async () => $"{(await catalogue.RetireAsync(id, version, ct)).Name} retired.", ct);

    public Task<IActionResult> OnPostReinstateAsync(long id, long version, CancellationToken ct) =>
        RunAsync(true, async () => $"{(await catalogue.ReinstateAsync(id, version, ct)).Name} reinstated.", ct);

    private async Task<IActionResult> RunAsync(bool valid, Func<Task<string>> action, CancellationToken ct)
    {
        if (valid)
        {
            try
            {
                TempData["Flash"] = await action();
                return RedirectToPage();
            }
            catch (RuleViolationException refusal) { db.ChangeTracker.Clear(); ModelState.AddRuleErrors(refusal, Input); }
        }
        await OnGetAsync(ct);
        return Page();
    }
}

public sealed class ProductForm
{
    [Required(ErrorMessage = "Name the product."), StringLength(120), Display(Name = "Name")] public string? Name { get; set; }
    [Required(ErrorMessage = "Choose a category."), Display(Name = "Category")] public ProductCategory? Category { get; set; }

    public static ProductForm From(Product p) => new() { Name = p.Name, Category = p.Category };
}
