using System.ComponentModel.DataAnnotations;

namespace JlnbCrm.Interactions;

public enum InteractionType
{
    [Display(Name = "New Business")] NewBusiness,
    [Display(Name = "Query Resolution")] QueryResolution,
    [Display(Name = "Portfolio Review")] PortfolioReview,
}
