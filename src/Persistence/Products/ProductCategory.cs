using System.ComponentModel.DataAnnotations;

namespace JlnbCrm.Products;

public enum ProductCategory
{
    [Display(Name = "Mutual Fund")] MutualFund,
    [Display(Name = "PMS")] Pms,
    [Display(Name = "AIF")] Aif,
    [Display(Name = "Insurance")] Insurance,
    [Display(Name = "Bonds")] Bonds,
    [Display(Name = "Fixed Deposit")] FixedDeposit,
    [Display(Name = "Equity")] Equity,
}
