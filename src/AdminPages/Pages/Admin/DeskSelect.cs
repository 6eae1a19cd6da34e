using JlnbCrm.Users;

namespace JlnbCrm.AdminPages.Pages.Admin;

/// <summary>What _DeskSelect shows: the desks, the current choice, an optional blank option and any refusal.</summary>
public sealed record DeskSelect(string Id, string Name, string Label, IReadOnlyList<Team> Desks, long? Selected,
    string? Blank, IReadOnlyList<string> Errors);
