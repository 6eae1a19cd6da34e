using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JlnbCrm.AdminPages.Account;

/// <summary>
/// The CRM's own sign-in: password against the users table (with lockout), then the site cookie. With an
/// external provider configured, passwords are off and the page hands over to that provider.
/// </summary>
public sealed class SignInModel(SignIn signIn, ExternalSignIn? external = null) : PageModel
{
    [BindProperty, Required, EmailAddress, Display(Name = "Email")]
    public string Email { get; set; } = "";

    [BindProperty, Required, DataType(DataType.Password), Display(Name = "Password")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    private string Destination => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    public IActionResult OnGet() => external is null
        ? Page()
        : Challenge(new AuthenticationProperties { RedirectUri = Destination }, external.Scheme);

    public async Task<IActionResult> OnPostAsync()
    {
        if (external is not null) return OnGet();
        if (!ModelState.IsValid) return Page();
        var result = await signIn.WithPasswordAsync(Email, Password, HttpContext.RequestAborted);
        if (result.User is null)
        {
            ModelState.AddModelError("", result.Message);
            return Page();
        }
        var identity = CrmPrincipal.For(result.User, CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Destination);
    }
}
