using System.ComponentModel.DataAnnotations;

namespace JlnbCrm.Leads;

public enum LeadStatus
{
    [Display(Name = "New")] New,
    [Display(Name = "WIP")] Wip,
    [Display(Name = "Converted")] Converted,
    [Display(Name = "Denied")] Denied,
}

public enum ModeOfCommunication
{
    [Display(Name = "Call")] Call,
    [Display(Name = "Mail")] Mail,
    [Display(Name = "WhatsApp")] WhatsApp,
}
