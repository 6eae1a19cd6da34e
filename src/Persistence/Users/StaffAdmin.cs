using JlnbCrm.Access;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Users;

/// <summary>User and team management (admin work).</summary>
public sealed class StaffAdmin(CrmDbContext db)
{
    public const int MinimumPasswordLength = 8;

    public async Task<User> CreateUserAsync(string name, string email, RoleLevel role, long? teamId, string password, CancellationToken ct = default)
    {
        db.Actor.RequireAdmin("manage staff and teams");
        var user = new User(name, email, role, teamId, Passwords.Hash(CheckPassword(password)));
        await EnsureTeamAsync(teamId, ct);
        await EnsureEmailFreeAsync(user.Email, null, ct);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    public async Task<User> UpdateUserAsync(long id, long version, string name, string email, CancellationToken ct = default)
    {
        db.Actor.RequireAdmin("manage staff and teams");
        var user = await db.Users.LoadForEditAsync(id, version, "user", ct);
        user.Rename(name);
        user.ChangeEmail(email);
        await EnsureEmailFreeAsync(user.Email, user.Id, ct);
        await db.SaveChangesAsync(ct);
        return user;
    }

    public async Task<User> ChangeRoleAsync(long id, long version, RoleLevel role, long? teamId, CancellationToken ct = default)
    {
        db.Actor.RequireAdmin("manage staff and teams");
        await EnsureTeamAsync(teamId, ct);
        return await ChangeAsync(id, version, u => u.ChangeRole(role, teamId), ct);
    }

    public Task<User> DeactivateAsync(long id, long version, CancellationToken ct = default)
    {
        db.Actor.RequireAdmin("manage staff and teams");
        if (id == db.Actor.UserId)
            throw new RuleViolationException(ErrorCodes.Invalid, "You cannot deactivate yourself.", "id");
        return ChangeAsync(id, version, u => u.Deactivate(), ct);
    }

    public Task<User> ReactivateAsync(long id, long version, CancellationToken ct = default) =>
        ChangeAsync(id, version, u => u.Reactivate(), ct);

    public Task<User> ResetPasswordAsync(long id, long version, string password, CancellationToken ct = default) =>
        ChangeAsync(id, version, u => u.SetPasswordHash(Passwords.Hash(CheckPassword(password))), ct);

    public async Task<Team> CreateTeamAsync(string name, CancellationToken ct = default)
    {
        db.Actor.RequireAdmin("manage staff and teams");
        var team = new Team(name);
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        return team;
    }

    public async Task<Team> RenameTeamAsync(long id, long version, string name, CancellationToken ct = default)
    {
        db.Actor.RequireAdmin("manage staff and teams");
        var team = await db.Teams.LoadForEditAsync(id, version, "team", ct);
        team.Rename(name);
        await db.SaveChangesAsync(ct);
        return team;
    }

    private async Task<User> ChangeAsync(long id, long version, Action<User> change, CancellationToken ct)
    {
        db.Actor.RequireAdmin("manage staff and teams");
        var user = await db.Users.LoadForEditAsync(id, version, "user", ct);
        change(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    private static string CheckPassword(string password) =>
        password is { Length: >= MinimumPasswordLength } && password.Any(char.IsLetter) && password.Any(c => !char.IsLetter(c))
            ? password
            : throw new RuleViolationException(ErrorCodes.Invalid,
                $"A password needs at least {MinimumPasswordLength} characters, with letters and at least one digit or symbol.", "password");

    private async Task EnsureTeamAsync(long? teamId, CancellationToken ct)
    {
        if (teamId is { } id) await db.Teams.RequireAsync(id, "team", "teamId", ct);
    }

    private async Task EnsureEmailFreeAsync(string email, long? exceptId, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.Email == email && u.Id != exceptId, ct))
            throw new RuleViolationException(ErrorCodes.Duplicate, $"Another user already signs in as {email}.", "email");
    }
}
