using System.ComponentModel.DataAnnotations;

namespace JlnbCrm.AdminPages.Forms;

/// <summary>Why a record is deleted: required, kept in the audit trail with the deleted row's values.</summary>
public sealed class DeleteForm
{
    [Required(ErrorMessage = "Say why it is deleted: the reason is kept in the audit trail."), StringLength(1000)]
    [Display(Name = "Reason for deleting")]
    public string? Reason { get; set; }
}

/// <summary>A record page that offers Delete (to those <c>AccessRules.MayDelete</c> allows); read by _Delete.cshtml.</summary>
public interface IDeletablePage
{
    /// <summary>Whether this person may delete the record (the same rule the delete itself checks).</summary>
    bool MayDelete { get; }
    /// <summary>The record as the confirmation names it ("this reference").</summary>
    string DeleteWhat { get; }
    long Version { get; }
    DeleteForm Delete { get; }
}
