using JlnbCrm.Domain;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace JlnbCrm.AdminPages.Display;

/// <summary>Enums as the words staff read (the same text the database stores) and as select options.</summary>
public static class Labels
{
    public static string Text<T>(this T value) where T : struct, Enum => EnumText<T>.ToText(value);

    public static IEnumerable<SelectListItem> Options<T>(T? selected = null) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new SelectListItem(EnumText<T>.ToText(v), v.ToString(), selected.HasValue && selected.Value.Equals(v)));

    /// <summary>Bootstrap badge colours for statuses, so the same state looks the same on every screen.</summary>
    public static string Badge(string status) => status switch
    {
        "New" or "Open" or "Pending" => "text-bg-primary",
        "WIP" or "In Progress" => "text-bg-warning",
        "Converted" or "Completed" or "Resolved" => "text-bg-success",
        "Denied" or "Rejected" => "text-bg-danger",
        _ => "text-bg-secondary",
    };
}
