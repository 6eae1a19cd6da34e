using System.ComponentModel.DataAnnotations;

namespace JlnbCrm.Consents;

/// <summary>What a client agreed their personal data may be used for (DPDP Act 2023, s. 6: consent is per purpose).</summary>
public enum ConsentPurpose
{
    /// <summary>Offers of other products; withdrawing it takes the client out of every cross-sell list.</summary>
    [Display(Name = "Marketing")] Marketing,
    [Display(Name = "Service communication")] ServiceCommunication,
    [Display(Name = "Data sharing with partners")] DataSharingWithPartners,
}
