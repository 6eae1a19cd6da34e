using JlnbCrm.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace JlnbCrm.AdminPages.Forms;

public static class RuleErrors
{
    /// <summary>
    /// Puts a domain refusal beside the form field it names (<c>pan</c> → <c>Input.Pan</c>); a refusal with no
    /// field, or one naming a field the form lacks, goes to the summary at the top of the form.
    /// </summary>
    public static void AddRuleErrors(this ModelStateDictionary state, RuleViolationException refusal, object input, string prefix = "Input")
    {
        var fields = input.GetType().GetProperties().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var error in refusal.Errors)
        {
            // A form field named as the API names it wins; otherwise the form's usual name for it.
            var key = error.Field is { } field && (fields.Contains(field) ? field : Alias(field)) is var name && fields.Contains(name)
                ? (prefix.Length == 0 ? "" : prefix + ".") + fields.First(f => f.Equals(name, StringComparison.OrdinalIgnoreCase))
                : "";
            state.AddModelError(key, error.Message);
        }
    }

    /// <summary>Whether the refusal is "someone saved this record after you opened it".</summary>
    public static bool IsConflict(this RuleViolationException refusal) => refusal.Errors.Any(e => e.Code == ErrorCodes.Conflict);

    // The API names some inputs by id; the forms by what the user picks.
    private static string Alias(string field) => field switch
    {
        "assignedRmId" or "rmId" => "RmId",
        "refObtainedById" => "RefObtainedById",
        "userId" => "UserId",
        _ => field,
    };
}
