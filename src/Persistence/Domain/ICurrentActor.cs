using JlnbCrm.Users;

namespace JlnbCrm.Domain;

/// <summary>
/// Who is acting in this unit of work. Row visibility (query filters, PostgreSQL row-level security) and
/// command checks are keyed on it, so the API and the pages see exactly the same rows.
/// </summary>
public interface ICurrentActor
{
    long? UserId { get; }
    RoleLevel Role { get; }
    long? TeamId { get; }
    /// <summary>Start-up work (migrations, seeding) with no person behind it: sees everything.</summary>
    bool IsSystem { get; }
}

public sealed record Actor(long? UserId, RoleLevel Role, long? TeamId, bool IsSystem = false) : ICurrentActor
{
    /// <summary>Start-up work with no person behind it; audit rows show no user.</summary>
    public static readonly Actor System = new(null, RoleLevel.Admin, null, IsSystem: true);

    /// <summary>Nobody signed in: sees no rows at all.</summary>
    public static readonly Actor Anonymous = new(null, RoleLevel.Executive, null);

    public static Actor For(User user) => new(user.Id, user.RoleId, user.TeamId);
}

/// <summary>The actor of one request or job; it starts anonymous and becomes someone once authenticated.</summary>
public sealed class CurrentActor : ICurrentActor
{
    private Actor _actor = Actor.Anonymous;

    public long? UserId => _actor.UserId;
    public RoleLevel Role => _actor.Role;
    public long? TeamId => _actor.TeamId;
    public bool IsSystem => _actor.IsSystem;

    public void Become(Actor actor) => _actor = actor;
}
