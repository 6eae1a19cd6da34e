using JlnbCrm.Importing;

namespace JlnbCrm.AdminPages.Csv;

/// <summary>What the shared import partial shows, whichever record type is imported.</summary>
public sealed record ImportScreen(string What, string ListUrl, IReadOnlyList<string> Columns, ImportCheck? Check, string? Content);
