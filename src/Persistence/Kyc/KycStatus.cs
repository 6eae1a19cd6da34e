using System.ComponentModel.DataAnnotations;

namespace JlnbCrm.Kyc;

/// <summary>A client's KYC status as the KYC registration agency (KRA) reports it.</summary>
public enum KycStatus
{
    [Display(Name = "Not checked")] NotChecked,
    [Display(Name = "Validated")] Validated,
    [Display(Name = "Registered")] Registered,
    [Display(Name = "On Hold")] OnHold,
    [Display(Name = "Rejected")] Rejected,
}

public static class KycStatuses
{
    /// <summary>Statuses that stop transactions at the KRA: operations must get the client's KYC updated.</summary>
    public static bool NeedsUpdate(this KycStatus status) => status is KycStatus.OnHold or KycStatus.Rejected;
}
