namespace JlnbCrm.Users;

/// <summary>Reference row for a <see cref="RoleLevel"/>; seeded by the migrations with fixed ids.</summary>
public sealed class Role
{
    private Role() { }

    internal Role(RoleLevel id, string name, string description) => (Id, Name, Description) = (id, name, description);

    public RoleLevel Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";

    public static readonly IReadOnlyList<Role> All =
    [
        new(RoleLevel.Admin, "Admin", "Sees and does everything, including user, team and product management."),
        new(RoleLevel.Head, "Ops/RM Head", "Sees and assigns everything of their team."),
        new(RoleLevel.Executive, "Ops Exec/Junior RM", "Works the clients, leads, queries and requests assigned to them."),
    ];
}
