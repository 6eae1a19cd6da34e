using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.FunctionalTests.Databases;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Persistence;

/// <summary>
/// The database itself refuses bad rows, even from raw SQL that skips the domain, and the refusal is
/// explained as the same specific error on both providers.
/// </summary>
public abstract class ConstraintTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private static readonly DateTime Now = DateTime.UtcNow;

    [Fact]
    public async Task Duplicate_pan_is_refused()
    {
        await using var db = database.Open();
        var existing = await db.Clients.Select(c => new { c.Pan, c.AssignedRmId }).FirstAsync();
        var error = await RefusedAsync(db, db.Database.ExecuteSqlAsync(
            $"INSERT INTO clients (name, pan, assigned_rm_id, version, created_at, updated_at) VALUES ('Copy', {existing.Pan}, {existing.AssignedRmId}, 0, {Now}, {Now})"));
        Assert.Equal(new RuleError(ErrorCodes.Duplicate, "Another client already has this PAN.", "pan"), error);
    }

    [Theory]
    [InlineData("ABCDE1234")]
    [InlineData("abcde1234f")]
    [InlineData("ABCD11234F")]
    [InlineData("ABCDE12345")]
    public async Task Malformed_pan_is_refused(string pan)
    {
        await using var db = database.Open();
        var rm = await database.UserWithRoleAsync(RoleLevel.Executive);
        var error = await RefusedAsync(db, db.Database.ExecuteSqlAsync(
            $"INSERT INTO clients (name, pan, assigned_rm_id, version, created_at, updated_at) VALUES ('Bad PAN', {pan}, {rm.Id}, 0, {Now}, {Now})"));
        Assert.Equal(ErrorCodes.InvalidPan, error.Code);
        Assert.Equal("pan", error.Field);
    }

    [Fact]
    public async Task Denied_lead_without_reason_is_refused()
    {
        await using var db = database.Open();
        var lead = await db.Leads.FirstAsync(l => l.Status == Leads.LeadStatus.New);
        var error = await RefusedAsync(db, db.Database.ExecuteSqlAsync($"UPDATE leads SET status = 'Denied' WHERE id = {lead.Id}"));
        Assert.Equal(new RuleError(ErrorCodes.Required, "A denied reference needs a denial reason, and only a denied one may have it.", "denialReason"), error);
    }

    [Fact]
    public async Task Converted_lead_without_client_is_refused()
    {
        await using var db = database.Open();
        var lead = await db.Leads.FirstAsync(l => l.Status == Leads.LeadStatus.Wip);
        var error = await RefusedAsync(db, db.Database.ExecuteSqlAsync($"UPDATE leads SET status = 'Converted' WHERE id = {lead.Id}"));
        Assert.Equal("convertedClientId", error.Field);
        Assert.Equal(ErrorCodes.Required, error.Code);
    }

    [Fact]
    public async Task Resolved_query_without_resolution_is_refused()
    {
        await using var db = database.Open();
        var query = await db.ClientQueries.FirstAsync(q => q.Status == ClientQueries.ClientQueryStatus.Open);
        var error = await RefusedAsync(db, db.Database.ExecuteSqlAsync(
            $"UPDATE queries SET status = 'Resolved', resolved_at = {Now} WHERE id = {query.Id}"));
        Assert.Equal(new RuleError(ErrorCodes.Required, "A resolved or closed query needs a resolution.", "resolution"), error);
    }

    [Fact]
    public async Task Unknown_status_text_is_refused()
    {
        await using var db = database.Open();
        var request = await db.ServiceRequests.FirstAsync();
        var error = await RefusedAsync(db, db.Database.ExecuteSqlAsync($"UPDATE service_requests SET status = 'Done' WHERE id = {request.Id}"));
        Assert.Equal(ErrorCodes.Invalid, error.Code);
    }

    [Fact]
    public async Task The_same_product_twice_for_a_client_is_refused()
    {
        await using var db = database.Open();
        var holding = await db.ClientProducts.FirstAsync();
        var error = await RefusedAsync(db, db.Database.ExecuteSqlAsync(
            $"INSERT INTO client_products (client_id, product_id, subscribed_on, created_at) VALUES ({holding.ClientId}, {holding.ProductId}, {holding.SubscribedOn}, {Now})"));
        Assert.Equal(new RuleError(ErrorCodes.Duplicate, "Another client product already has this productId.", "productId"), error);
    }

    /// <summary>Our documented choice: a user who still owns clients cannot be deleted; deactivate or reassign.</summary>
    [Fact]
    public async Task Deleting_a_user_who_owns_clients_is_refused_and_nothing_is_lost()
    {
        await using (var db = database.Open())
        {
            var rmId = await db.Clients.Select(c => c.AssignedRmId).FirstAsync();
            db.Users.Remove(await db.Users.SingleAsync(u => u.Id == rmId));
            var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => db.SaveChangesAsync());
            Assert.Equal(ErrorCodes.InUse, Assert.Single(refusal.Errors).Code);
        }
        await using var check = database.Open();
        Assert.Equal(18, await check.Users.CountAsync());
    }

    [Fact]
    public async Task The_domain_refuses_the_same_bad_data_before_it_reaches_the_database()
    {
        var refusal = Assert.Throws<RuleViolationException>(() => new Client(new ClientDetails("", "ABC", Email: "nope"), 1));
        Assert.Equal(["name", "pan", "email"], refusal.Errors.Select(e => e.Field));
        Assert.Equal(ErrorCodes.InvalidPan, refusal.Errors[1].Code);
        await Task.CompletedTask;
    }

    private static async Task<RuleError> RefusedAsync(CrmDbContext db, Task command)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => command);
        var explained = DatabaseErrors.Explain(exception, db.Model);
        Assert.True(explained is not null, $"Not explained as a rule violation: {exception}");
        return Assert.Single(explained.Errors);
    }
}

public sealed class PostgresConstraintTests(PostgresDatabase db) : ConstraintTests<PostgresDatabase>(db);
public sealed class SqliteConstraintTests(SqliteDatabase db) : ConstraintTests<SqliteDatabase>(db);
