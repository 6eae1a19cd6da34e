using System.ComponentModel.DataAnnotations;

namespace JlnbCrm.Users;

/// <summary>
/// What a team does: relationship managers own clients; an operations team is a desk that works service requests
/// (docs/access.md). Stored as text like every enum.
/// </summary>
public enum TeamKind
{
    [Display(Name = "Relationship")] Relationship,
    [Display(Name = "Operations")] Operations,
}
