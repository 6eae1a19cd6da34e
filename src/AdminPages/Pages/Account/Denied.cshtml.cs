using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JlnbCrm.AdminPages.Account;

/// <summary>Where a signed-in user lands on a screen their role does not allow (answered with 403).</summary>
[Authorize]
public sealed class DeniedModel : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
