using System.ComponentModel.DataAnnotations;

namespace JlnbCrm.Clients;

/// <summary>How often a client's portfolio is reviewed; <see cref="None"/> means no recurring review.</summary>
public enum ReviewFrequency
{
    [Display(Name = "None")] None,
    [Display(Name = "Monthly")] Monthly,
    [Display(Name = "Quarterly")] Quarterly,
    [Display(Name = "Half-yearly")] HalfYearly,
    [Display(Name = "Yearly")] Yearly,
}

public static class ReviewFrequencies
{
    /// <summary>The review after one held on <paramref name="reviewedOn"/>; null for <see cref="ReviewFrequency.None"/>.</summary>
    public static DateOnly? NextAfter(this ReviewFrequency frequency, DateOnly reviewedOn) => frequency switch
    {
        ReviewFrequency.Monthly => reviewedOn.AddMonths(1),
        ReviewFrequency.Quarterly => reviewedOn.AddMonths(3),
        ReviewFrequency.HalfYearly => reviewedOn.AddMonths(6),
        ReviewFrequency.Yearly => reviewedOn.AddYears(1),
        _ => null,
    };
}
