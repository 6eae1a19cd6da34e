using System.Text.Json;
using JlnbCrm.Auditing;
using JlnbCrm.Clients;
using JlnbCrm.Domain;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Persistence;

public abstract class ConcurrencyAndAuditTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    [Fact]
    public async Task Two_people_editing_the_same_client_do_not_silently_overwrite_each_other()
    {
        var rm = await database.UserWithRoleAsync(RoleLevel.Executive);
        long id;
        await using (var setup = database.Open())
        {
            var client = new Client(TestData.NewClient("Meera Pillai"), rm.Id);
            setup.Clients.Add(client);
            await setup.SaveChangesAsync();
            id = client.Id;
        }

        await using var first = database.Open();
        await using var second = database.Open();
        var mine = await first.Clients.SingleAsync(c => c.Id == id);
        var theirs = await second.Clients.SingleAsync(c => c.Id == id);

        theirs.Update(new ClientDetails(theirs.Name, theirs.Pan, Mobile: "+91 9000000001"));
        await second.SaveChangesAsync();
        mine.Update(new ClientDetails(mine.Name, mine.Pan, Mobile: "+91 9000000002"));
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => first.SaveChangesAsync());

        Assert.Equal(ErrorCodes.Conflict, Assert.Single(refusal.Errors).Code);
        await using var check = database.Open();
        var stored = await check.Clients.SingleAsync(c => c.Id == id);
        Assert.Equal("+91 9000000001", stored.Mobile);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Every_insert_update_and_delete_writes_an_audit_row_with_old_and_new_values()
    {
        var admin = await database.UserWithRoleAsync(RoleLevel.Admin);
        var rm = await database.UserWithRoleAsync(RoleLevel.Executive);
        var actor = new Actor(admin.Id, RoleLevel.Admin, null);
        var details = TestData.NewClient("Farhan Qureshi");
        long id;
        await using (var db = database.Open(actor))
        {
            var client = new Client(details, rm.Id);
            db.Clients.Add(client);
            await db.SaveChangesAsync();
            id = client.Id;
            client.Update(details with { Name = "Farhan A. Qureshi" });
            await db.SaveChangesAsync();
            db.Clients.Remove(client);
            await db.SaveChangesAsync();
        }

        await using var check = database.Open();
        var trail = await check.AuditLog.Where(a => a.Entity == "clients" && a.EntityId == id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Insert, AuditAction.Update, AuditAction.Delete], trail.Select(a => a.Action));
        Assert.All(trail, a => Assert.Equal(admin.Id, a.UserId));

        var inserted = JsonDocument.Parse(trail[0].Changes).RootElement;
        Assert.Equal(details.Pan, inserted.GetProperty("pan").GetProperty("new").GetString());
        Assert.Equal(JsonValueKind.Null, inserted.GetProperty("pan").GetProperty("old").ValueKind);

        var updated = JsonDocument.Parse(trail[1].Changes).RootElement;
        Assert.Equal("Farhan Qureshi", updated.GetProperty("name").GetProperty("old").GetString());
        Assert.Equal("Farhan A. Qureshi", updated.GetProperty("name").GetProperty("new").GetString());
        Assert.False(updated.TryGetProperty("pan", out _), "unchanged columns are not recorded");

        var deleted = JsonDocument.Parse(trail[2].Changes).RootElement;
        Assert.Equal("Farhan A. Qureshi", deleted.GetProperty("name").GetProperty("old").GetString());
    }

    [Fact]
    public async Task Audit_rows_record_enum_text_and_never_secrets()
    {
        await using var db = database.Open();
        var user = await db.Users.FirstAsync(u => u.RoleId == RoleLevel.Executive && u.IsActive);
        user.SetPasswordHash(Passwords.Hash("another secret"));
        user.Deactivate();
        await db.SaveChangesAsync();
        user.Reactivate();
        await db.SaveChangesAsync();

        var changes = await db.AuditLog.Where(a => a.Entity == "users" && a.EntityId == user.Id && a.Action == AuditAction.Update)
            .OrderBy(a => a.Id).Select(a => a.Changes).FirstAsync();
        var json = JsonDocument.Parse(changes).RootElement;
        Assert.Equal("***", json.GetProperty("password_hash").GetProperty("new").GetString());
        Assert.DoesNotContain(user.PasswordHash, changes);
        Assert.False(json.GetProperty("is_active").GetProperty("new").GetBoolean());
    }

    [Fact]
    public async Task A_failed_save_writes_neither_the_change_nor_its_audit_row()
    {
        await using var db = database.Open();
        var taken = await db.Clients.Select(c => c.Pan).FirstAsync();
        var before = await db.AuditLog.CountAsync();
        db.Clients.Add(new Client(TestData.NewClient() with { Pan = taken }, (await database.UserWithRoleAsync(RoleLevel.Executive)).Id));
        await Assert.ThrowsAsync<RuleViolationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        Assert.Equal(before, await db.AuditLog.CountAsync());
    }
}

public sealed class PostgresConcurrencyAndAuditTests(PostgresDatabase db) : ConcurrencyAndAuditTests<PostgresDatabase>(db);
public sealed class SqliteConcurrencyAndAuditTests(SqliteDatabase db) : ConcurrencyAndAuditTests<SqliteDatabase>(db);
