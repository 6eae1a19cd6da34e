using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;

namespace JlnbCrm.AdminPages.Account;

/// <summary>Why an external sign-in was turned away (no CRM user with that email, deactivated, or the provider refused).</summary>
public sealed class RefusedModel : PageModel
{
    private const string Key = "SignInRefused";

    public string Reason { get; private set; } = "";

    public void OnGet() => Reason = TempData[Key] as string ?? "The sign-in did not complete.";

    /// <summary>Keeps the reason for the next request (the redirect to this page).</summary>
    public static void Remember(HttpContext http, string? reason)
    {
        var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        tempData[Key] = reason;
        tempData.Save();
    }
}
