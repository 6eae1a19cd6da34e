using System.ComponentModel.DataAnnotations;

namespace JlnbCrm.ClientQueries;

public enum ClientQueryStatus
{
    [Display(Name = "Open")] Open,
    [Display(Name = "In Progress")] InProgress,
    [Display(Name = "Resolved")] Resolved,
    [Display(Name = "Closed")] Closed,
}
