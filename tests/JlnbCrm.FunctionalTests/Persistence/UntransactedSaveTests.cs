using JlnbCrm.Domain;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace JlnbCrm.FunctionalTests.Persistence;

/// <summary>
/// Rows the audit trail leaves out (the sign-in provider's applications and tokens, the data-protection key ring)
/// are saved without a transaction of the CRM's own, and EF Core sends a one-statement save without one either.
/// On PostgreSQL a signed-in person's commands outside a transaction carry the row-security set-up in their batch;
/// EF Core reads each statement's affected-row count by its place in the batch, so a save must not share its batch
/// with the set-up, or the set-up's count stands in for the save's and a stale concurrency token goes unnoticed
/// (a refresh token redeemed twice in a race).
/// </summary>
public abstract class UntransactedSaveTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    [Fact]
    public async Task A_signed_in_save_with_a_stale_concurrency_token_is_refused()
    {
        var actor = Actor.For(await database.UserWithRoleAsync(RoleLevel.Executive));
        var id = Guid.NewGuid().ToString();
        await using (var setup = database.Open())
        {
            setup.Set<OpenIddictEntityFrameworkCoreApplication>().Add(new() { Id = id, ClientId = $"client-{id}" });
            await setup.SaveChangesAsync();
        }

        await using var first = database.Open(actor);
        await using var second = database.Open(actor);
        var mine = await first.Set<OpenIddictEntityFrameworkCoreApplication>().SingleAsync(a => a.Id == id);
        var theirs = await second.Set<OpenIddictEntityFrameworkCoreApplication>().SingleAsync(a => a.Id == id);

        // As OpenIddict's store does on every update: a new token, the one read is the condition.
        theirs.DisplayName = "theirs";
        theirs.ConcurrencyToken = Guid.NewGuid().ToString();
        await second.SaveChangesAsync();
        mine.DisplayName = "mine";
        mine.ConcurrencyToken = Guid.NewGuid().ToString();
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => first.SaveChangesAsync());

        Assert.Equal(ErrorCodes.Conflict, Assert.Single(refusal.Errors).Code);
        await using var check = database.Open();
        var stored = await check.Set<OpenIddictEntityFrameworkCoreApplication>().AsNoTracking()
            .SingleAsync(a => a.Id == id);
        Assert.Equal("theirs", stored.DisplayName);
    }

    [Fact]
    public async Task A_signed_in_save_of_a_row_already_deleted_is_refused()
    {
        var actor = Actor.For(await database.UserWithRoleAsync(RoleLevel.Executive));
        var id = Guid.NewGuid().ToString();
        await using (var setup = database.Open())
        {
            setup.Set<OpenIddictEntityFrameworkCoreToken>()
                .Add(new() { Id = id, Type = "refresh_token", Status = "valid" });
            await setup.SaveChangesAsync();
        }

        await using var redeeming = database.Open(actor);
        var token = await redeeming.Set<OpenIddictEntityFrameworkCoreToken>().SingleAsync(t => t.Id == id);
        await using (var pruning = database.Open(actor))
            await pruning.Set<OpenIddictEntityFrameworkCoreToken>().Where(t => t.Id == id).ExecuteDeleteAsync();

        token.Status = "redeemed";
        token.ConcurrencyToken = Guid.NewGuid().ToString();
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => redeeming.SaveChangesAsync());
        Assert.Equal(ErrorCodes.Conflict, Assert.Single(refusal.Errors).Code);
    }

    [Fact]
    public async Task A_signed_in_insert_gets_its_generated_id_back()
    {
        var actor = Actor.For(await database.UserWithRoleAsync(RoleLevel.Executive));
        var key = new DataProtectionKey { FriendlyName = $"key-{Guid.NewGuid()}", Xml = "<key/>" };
        await using (var db = database.Open(actor))
        {
            db.DataProtectionKeys.Add(key);
            await db.SaveChangesAsync();
        }

        Assert.True(key.Id > 0);
        await using var check = database.Open();
        var stored = await check.DataProtectionKeys.AsNoTracking().SingleAsync(k => k.Id == key.Id);
        Assert.Equal(key.FriendlyName, stored.FriendlyName);
    }
}

public sealed class PostgresUntransactedSaveTests(PostgresDatabase db) : UntransactedSaveTests<PostgresDatabase>(db);
public sealed class SqliteUntransactedSaveTests(SqliteDatabase db) : UntransactedSaveTests<SqliteDatabase>(db);
