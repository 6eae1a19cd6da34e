using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace JlnbCrm.Users;

public enum SignInOutcome { SignedIn, WrongCredentials, LockedOut, Inactive }

public sealed record SignInResult(SignInOutcome Outcome, User? User, string Message);

/// <summary>
/// Password sign-in against the CRM's users table, with lockout after repeated failures. An unknown email, a wrong
/// password and a locked account get the same message after the same work (a password hash is always checked), so
/// neither the words nor the timing of the form reveal who has an account.
/// </summary>
public sealed class SignIn(CrmDbContext db)
{
    public static readonly string Refusal =
        $"The email or password is not right, or the account is locked for {User.LockoutPeriod.TotalMinutes:0} minutes "
        + $"after {User.MaxFailedSignIns} failed attempts.";

    /// <summary>Checked for unknown emails, so they cost what a real account costs.</summary>
    private static readonly User Nobody = new("Nobody", "nobody@invalid.example", RoleLevel.Admin, null, Passwords.Hash(Guid.NewGuid().ToString()));

    public async Task<SignInResult> WithPasswordAsync(string email, string password, CancellationToken ct = default)
    {
        var normalized = (email ?? "").Trim().ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == normalized, ct);
        var now = db.UtcNow;
        var passwordRight = Passwords.Verify(user ?? Nobody, password ?? "");
        if (user is null) return new(SignInOutcome.WrongCredentials, null, Refusal);
        if (user.IsLockedOut(now)) return new(SignInOutcome.LockedOut, null, Refusal);
        if (!passwordRight)
        {
            user.RecordFailedSignIn(now);
            await db.SaveChangesAsync(ct);
            return new(user.IsLockedOut(now) ? SignInOutcome.LockedOut : SignInOutcome.WrongCredentials, null, Refusal);
        }
        if (!user.IsActive) return new(SignInOutcome.Inactive, null, "This account has been deactivated. Ask an administrator.");
        if (user.FailedSignIns > 0 || user.LockedUntil is not null)
        {
            user.RecordSignIn();
            await db.SaveChangesAsync(ct);
        }
        return new(SignInOutcome.SignedIn, user, "Signed in.");
    }

    /// <summary>The active user a token or cookie names, if its security stamp is still current.</summary>
    public async Task<User?> CurrentAsync(long userId, string? securityStamp, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        return user is { IsActive: true } && user.SecurityStamp == securityStamp ? user : null;
    }

    /// <summary>
    /// A site cookie's two checks in one statement: the user it names (active, stamp current, as
    /// <see cref="CurrentAsync"/>) and whether its session row (the ad-hoc authorization <paramref name="sessionId"/>,
    /// for the same <paramref name="subject"/>) is still valid. Read from the database on every request, never cached,
    /// so a sign-out or deactivation on one instance refuses the cookie on the next request to any instance.
    /// </summary>
    public async Task<(User? User, bool SessionOpen)> CurrentWithSessionAsync(long userId, string? securityStamp,
        string subject, string sessionId, CancellationToken ct = default)
    {
        var found = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                User = u,
                Open = db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
                    .Any(a => a.Id == sessionId && a.Status == Statuses.Valid && a.Subject == subject),
            })
            .FirstOrDefaultAsync(ct);
        if (found is null) return (null, false);
        var current = found.User is { IsActive: true } && found.User.SecurityStamp == securityStamp;
        return (current ? found.User : null, found.Open);
    }

    /// <summary>
    /// An external provider vouched for this email: the CRM user with it, if active. The refusal says which
    /// of the two it is, because the person has already proved who they are to the provider.
    /// </summary>
    public async Task<SignInResult> FederatedAsync(string? email, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(email))
            return new(SignInOutcome.WrongCredentials, null, "The sign-in provider did not say which email you signed in with.");
        var normalized = email.Trim().ToLowerInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == normalized, ct);
        return user switch
        {
            null => new(SignInOutcome.WrongCredentials, null, $"No CRM user has the email {normalized}. Ask an administrator to add you."),
            { IsActive: false } => new(SignInOutcome.Inactive, null, $"The CRM account for {normalized} has been deactivated. Ask an administrator."),
            _ => new(SignInOutcome.SignedIn, user, "Signed in."),
        };
    }

    /// <summary>An integration is linked to this email: the matching active CRM user, or null.</summary>
    public Task<User?> ByEmailAsync(string email, CancellationToken ct = default) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == email.Trim().ToLowerInvariant() && u.IsActive, ct);
}
