using JlnbCrm.ClientQueries;
using JlnbCrm.Domain;
using JlnbCrm.Interactions;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;

namespace JlnbCrm.UnitTests;

public class ServiceRequestTests
{
    private static readonly DateTime Now = DateTime.UtcNow;
    private static readonly Team Desk = new("Operations", TeamKind.Operations);

    private static ServiceRequest NewRequest(ServiceRequestType type = ServiceRequestType.AddressChange) =>
        new(1, type, "New address proof attached", Desk);

    [Theory]
    [InlineData(ServiceRequestStatus.Completed)]
    [InlineData(ServiceRequestStatus.Pending)]
    public void A_pending_request_can_only_start_or_be_rejected(ServiceRequestStatus next)
    {
        var request = NewRequest();
        var refusal = Assert.Throws<RuleViolationException>(() => request.MoveTo(next, 3, "reason", Now));
        Assert.Equal(ErrorCodes.IllegalTransition, refusal.Errors[0].Code);
        Assert.EndsWith("can only move to In Progress or Rejected.", refusal.Message);
    }

    [Fact]
    public void A_pending_request_is_rejected_with_a_reason_without_being_started()
    {
        var request = NewRequest();
        Assert.Equal("reason", Assert.Throws<RuleViolationException>(
            () => request.MoveTo(ServiceRequestStatus.Rejected, 3, " ", Now)).Errors[0].Field);
        request.MoveTo(ServiceRequestStatus.Rejected, 3, "Duplicate of an earlier request", Now);
        Assert.Equal(ServiceRequestStatus.Rejected, request.Status);
        Assert.Null(request.AssignedUserId);
        Assert.Equal(Now, request.ClosedAt);
    }

    [Fact]
    public void Starting_assigns_an_unassigned_request_to_whoever_starts_it_and_completing_closes_it()
    {
        var request = NewRequest(ServiceRequestType.Redemption);
        request.MoveTo(ServiceRequestStatus.InProgress, 3, null, Now);
        Assert.Equal(3, request.AssignedUserId);
        request.MoveTo(ServiceRequestStatus.Completed, 3, null, Now);
        Assert.Equal(Now, request.ClosedAt);
        Assert.Throws<RuleViolationException>(() => request.MoveTo(ServiceRequestStatus.Rejected, 3, "late", Now));
    }

    [Fact]
    public void Rejecting_needs_a_reason()
    {
        var request = NewRequest(ServiceRequestType.KycUpdate);
        request.MoveTo(ServiceRequestStatus.InProgress, 3, null, Now);
        Assert.Equal("reason", Assert.Throws<RuleViolationException>(() => request.MoveTo(ServiceRequestStatus.Rejected, 3, null, Now)).Errors[0].Field);
        request.MoveTo(ServiceRequestStatus.Rejected, 3, "KYC documents expired", Now);
        Assert.Equal(ServiceRequestStatus.Rejected, request.Status);
    }

    [Fact]
    public void Completed_and_rejected_are_final_until_reopened_with_a_reason_back_to_pending_with_the_same_assignee()
    {
        var request = NewRequest();
        Assert.Equal(ErrorCodes.IllegalTransition, Assert.Throws<RuleViolationException>(() => request.Reopen("why")).Errors[0].Code);
        request.MoveTo(ServiceRequestStatus.InProgress, 3, null, Now);
        request.MoveTo(ServiceRequestStatus.Rejected, 3, "Signature mismatch", Now);
        Assert.Empty(request.NextStatuses);
        Assert.Equal("reason", Assert.Throws<RuleViolationException>(() => request.Reopen("")).Errors[0].Field);
        request.Reopen("Client sent a fresh signature");
        Assert.Equal((ServiceRequestStatus.Pending, 3L, null, null, "Client sent a fresh signature"),
            (request.Status, request.AssignedUserId, request.ClosedAt, request.RejectionReason, request.ReopenReason));
    }

    [Fact]
    public void A_request_goes_only_to_an_operations_desk_and_moves_desk_only_while_nobody_has_it()
    {
        Assert.Equal("deskId", Assert.Throws<RuleViolationException>(
            () => new ServiceRequest(1, ServiceRequestType.Other, "x", new Team("Mumbai Wealth"))).Errors[0].Field);
        var request = NewRequest();
        var other = new Team("Transactions", TeamKind.Operations);
        request.RouteTo(other);
        Assert.Same(other, request.Desk);
        request.MoveTo(ServiceRequestStatus.InProgress, 3, null, Now);
        request.RouteTo(Desk);
        Assert.Same(other, request.Desk);
    }
}

public class ClientQueryTests
{
    private static readonly DateTime Now = DateTime.UtcNow;

    [Fact]
    public void A_query_resolves_with_a_resolution_then_closes()
    {
        var query = new ClientQuery(1, 2, "Statement missing");
        query.Start();
        Assert.Equal("resolution", Assert.Throws<RuleViolationException>(() => query.Resolve("", Now)).Errors[0].Field);
        query.Resolve("Statement re-sent", Now);
        query.Close(null, Now);
        Assert.Equal(ClientQueryStatus.Closed, query.Status);
        Assert.Equal("Statement re-sent", query.Resolution);
        Assert.Equal(ErrorCodes.IllegalTransition, Assert.Throws<RuleViolationException>(() => query.Close("again", Now)).Errors[0].Code);
    }

    [Fact]
    public void An_open_query_closes_directly_only_with_a_resolution()
    {
        var query = new ClientQuery(1, 2, "Duplicate SIP debit");
        Assert.Throws<RuleViolationException>(() => query.Close(null, Now));
        query.Close("Client withdrew the query", Now);
        Assert.Equal(Now, query.ResolvedAt);
    }

    [Fact]
    public void A_query_resolution_interaction_must_name_its_query() =>
        Assert.Equal("relatedQueryId", Assert.Throws<RuleViolationException>(() =>
            new Interaction(1, 2, InteractionType.QueryResolution, "Resolved", Now)).Errors[0].Field);
}

public class UserTests
{
    [Fact]
    public void Heads_and_executives_need_a_team_admins_do_not()
    {
        Assert.Equal("teamId", Assert.Throws<RuleViolationException>(() =>
            new User("Rohan", "rohan@jlnb.in", RoleLevel.Head, null, "hash")).Errors[0].Field);
        Assert.Null(new User("Ananya", "ananya@jlnb.in", RoleLevel.Admin, null, "hash").TeamId);
    }

    [Fact]
    public void Deactivating_rotates_the_security_stamp_so_sessions_end()
    {
        var user = new User("Priya", "Priya@JLNB.in", RoleLevel.Executive, 1, "hash");
        var stamp = user.SecurityStamp;
        user.Deactivate();
        Assert.NotEqual(stamp, user.SecurityStamp);
        Assert.Equal("priya@jlnb.in", user.Email);
    }

    [Fact]
    public void Passwords_verify_against_the_identity_hash()
    {
        var user = new User("Priya", "priya@jlnb.in", RoleLevel.Executive, 1, Passwords.Hash("Secret#123"));
        Assert.True(Passwords.Verify(user, "Secret#123"));
        Assert.False(Passwords.Verify(user, "secret#123"));
    }
}
