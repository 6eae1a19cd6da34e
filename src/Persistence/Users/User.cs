using JlnbCrm.Domain;

namespace JlnbCrm.Users;

/// <summary>A member of staff. Users are deactivated, never deleted, so history keeps its authors.</summary>
public sealed class User : Entity
{
    private User() { }

    public User(string name, string email, RoleLevel role, long? teamId, string passwordHash)
    {
        Rename(name);
        ChangeEmail(email);
        ChangeRole(role, teamId);
        SetPasswordHash(passwordHash);
        IsActive = true;
    }

    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public RoleLevel RoleId { get; private set; }
    public Role? Role { get; private set; }
    public long? TeamId { get; private set; }
    public Team? Team { get; private set; }
    public bool IsActive { get; private set; }
    public string PasswordHash { get; private set; } = "";
    /// <summary>Changes whenever credentials or access change, so issued tokens and cookies can be revoked.</summary>
    public string SecurityStamp { get; private set; } = "";

    public void Rename(string name) => Name = Guard.Required(name, "name", 120);

    public void ChangeEmail(string email) =>
        Email = Guard.Email(Guard.Required(email, "email", 254), "email")!;

    /// <summary>Heads and executives work inside a team; only an admin may have none.</summary>
    public void ChangeRole(RoleLevel role, long? teamId)
    {
        if (!Enum.IsDefined(role))
            throw new RuleViolationException(ErrorCodes.Invalid, $"Unknown role {(int)role}.", "role");
        if (role != RoleLevel.Admin && teamId is null)
            throw new RuleViolationException(ErrorCodes.Required, "An RM Head or Junior RM must belong to a team.", "teamId");
        RoleId = role;
        TeamId = teamId;
        RotateSecurityStamp();
    }

    public void SetPasswordHash(string passwordHash)
    {
        PasswordHash = Guard.Required(passwordHash, "password", 500);
        RotateSecurityStamp();
    }

    public void Deactivate()
    {
        IsActive = false;
        RotateSecurityStamp();
    }

    public void Reactivate() => IsActive = true;

    private void RotateSecurityStamp() => SecurityStamp = Guid.NewGuid().ToString("N");
}
