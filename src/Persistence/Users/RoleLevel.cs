using System.ComponentModel.DataAnnotations;

namespace JlnbCrm.Users;

/// <summary>The firm's three access levels; the numbers are the plan's role ids and are fixed.</summary>
public enum RoleLevel
{
    [Display(Name = "Admin")] Admin = 0,
    [Display(Name = "Ops/RM Head")] Head = 1,
    [Display(Name = "Ops Exec/Junior RM")] Executive = 2,
}
