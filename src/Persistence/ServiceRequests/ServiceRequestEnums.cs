using System.ComponentModel.DataAnnotations;

namespace JlnbCrm.ServiceRequests;

public enum ServiceRequestType
{
    [Display(Name = "Account Opening")] AccountOpening,
    [Display(Name = "Contact Update")] ContactUpdate,
    [Display(Name = "Address Change")] AddressChange,
    [Display(Name = "Nominee Update")] NomineeUpdate,
    [Display(Name = "Bank Mandate")] BankMandate,
    [Display(Name = "Redemption")] Redemption,
    [Display(Name = "Switch")] Switch,
    [Display(Name = "KYC Update")] KycUpdate,
    [Display(Name = "Other")] Other,
    // Data-principal requests (DPDP Act 2023, ss. 11-12), on the statutory clock (ServiceLevel.Defaults).
    [Display(Name = "Data Access Request")] DataAccess,
    [Display(Name = "Data Correction Request")] DataCorrection,
    [Display(Name = "Data Erasure Request")] DataErasure,
}

public enum ServiceRequestStatus
{
    [Display(Name = "Pending")] Pending,
    [Display(Name = "In Progress")] InProgress,
    [Display(Name = "Completed")] Completed,
    [Display(Name = "Rejected")] Rejected,
}
