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

    /// <summary>Admin-only fields: others may neither read nor filter or sort by them (docs/access.md, Field rules).</summary>
    public static class Protected
    {
        public static readonly Access.CallerFieldRule IsActive = new(typeof(User), nameof(User.IsActive),
            Access.AccessRules.IsAdmin, "admins only");
    }
    public string PasswordHash { get; private set; } = "";
    /// <summary>Changes whenever credentials or access change, so issued tokens and cookies can be revoked.</summary>
    public string SecurityStamp { get; private set; } = "";

    /// <summary>Consecutive failed sign-ins since the last success or lockout.</summary>
    public int FailedSignIns { get; private set; }
    public DateTime? LockedUntil { get; private set; }

    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);

    public bool IsLockedOut(DateTime now) => LockedUntil is { } until && until > now;

    /// <summary>After <see cref="MaxFailedSignIns"/> failures in a row the account locks for <see cref="LockoutPeriod"/>.</summary>
    public void RecordFailedSignIn(DateTime now)
    {
        FailedSignIns++;
        if (FailedSignIns < MaxFailedSignIns) return;
        LockedUntil = now + LockoutPeriod;
        FailedSignIns = 0;
    }

    public void RecordSignIn()
    {
        FailedSignIns = 0;
        LockedUntil = null;
    }

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
