using JlnbCrm.Users;

namespace JlnbCrm.Domain;

/// <summary>Who is acting in this unit of work: the signed-in user, or the system (seeding, migrations).</summary>
public interface ICurrentActor
{
    long? UserId { get; }
    RoleLevel Role { get; }
    long? TeamId { get; }
}

public sealed record Actor(long? UserId, RoleLevel Role, long? TeamId) : ICurrentActor
{
    /// <summary>Start-up work with no person behind it; audit rows show no user.</summary>
    public static readonly Actor System = new(null, RoleLevel.Admin, null);
}
