using JlnbCrm.Domain;
using JlnbCrm.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JlnbCrm.AdminPages;

[Authorize]
public sealed class IndexModel(ICurrentActor actor) : PageModel
{
    public string RoleName => EnumText<RoleLevel>.ToText(actor.Role);

    public void OnGet() { }
}
