using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JlnbCrm.AdminPages.Account;

/// <summary>The navbar's sign-out (a form post with its anti-forgery token): the session is revoked, not only forgotten.</summary>
public sealed class SignOutModel : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await CookieSessions.EndAsync(HttpContext);
        return RedirectToPage();
    }
}
