using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace JlnbCrm.AdminPages.Forms;

public static class FormScope
{
    /// <summary>
    /// A screen with several small forms binds all their properties on every post; only the posted form's
    /// fields (and the shared <c>Version</c>) are validated, so the others' empty fields do not refuse it.
    /// </summary>
    public static bool IsValidFor(this ModelStateDictionary state, string prefix)
    {
        foreach (var key in state.Keys.Where(k => k != prefix && !k.StartsWith(prefix + ".", StringComparison.Ordinal) && k != "Version").ToList())
            state.Remove(key);
        return state.IsValid;
    }
}
