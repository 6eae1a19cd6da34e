using JlnbCrm.Clients;
using JlnbCrm.Domain;
using JlnbCrm.Leads;
using JlnbCrm.Users;

namespace JlnbCrm.UnitTests;

public class LeadTests
{
    private static Lead NewLead() =>
        new(new LeadDetails("Ravi Kumar", "+91 9876543210", null, null, "Existing client Sunil", ModeOfCommunication.Call, 1), refObtainedById: 7);

    private static Client SomeClient() => new(new ClientDetails("Ravi Kumar", "ABCPK1234Q"), 7);

    [Fact]
    public void A_new_reference_moves_to_wip_then_converts()
    {
        var lead = NewLead();
        lead.MoveToWip();
        lead.Convert(SomeClient());
        Assert.Equal(LeadStatus.Converted, lead.Status);
        Assert.NotNull(lead.ConvertedClient);
    }

    [Fact]
    public void Denying_needs_a_reason()
    {
        var lead = NewLead();
        var refusal = Assert.Throws<RuleViolationException>(() => lead.Deny("  "));
        Assert.Equal(new RuleError(ErrorCodes.Required, "A reason is required to deny a reference.", "reason"), refusal.Errors[0]);
        Assert.Equal(LeadStatus.New, lead.Status);
        lead.Deny("Not interested");
        Assert.Equal("Not interested", lead.DenialReason);
    }

    [Fact]
    public void A_denied_reference_cannot_convert_move_or_be_edited()
    {
        var lead = NewLead();
        lead.Deny("Already invested elsewhere");
        Assert.Equal(ErrorCodes.IllegalTransition, Assert.Throws<RuleViolationException>(() => lead.Convert(SomeClient())).Errors[0].Code);
        Assert.Equal(ErrorCodes.IllegalTransition, Assert.Throws<RuleViolationException>(lead.MoveToWip).Errors[0].Code);
        Assert.Throws<RuleViolationException>(() => lead.Update(new LeadDetails("X", "+91 9876543210", null, null, null, ModeOfCommunication.Mail, 1)));
    }

    [Fact]
    public void Only_a_new_reference_moves_to_wip()
    {
        var lead = NewLead();
        lead.MoveToWip();
        var refusal = Assert.Throws<RuleViolationException>(lead.MoveToWip);
        Assert.Equal("Cannot move to WIP this reference: only a New reference can move to WIP.", refusal.Message);
    }

    [Fact]
    public void The_conversion_rm_becomes_the_clients_rm_else_whoever_obtained_it()
    {
        var lead = NewLead();
        Assert.Equal(7, lead.ConvertingRmId);
        var rm = new User("Neha Gupta", "neha@jlnb.in", RoleLevel.Executive, 1, "hash");
        lead.AssignConversionRm(rm);
        Assert.Equal(rm.Id, lead.ConvertingRmId);
    }

    [Fact]
    public void A_reference_needs_some_way_to_reach_the_prospect() =>
        Assert.Equal("mobile", Assert.Throws<RuleViolationException>(() =>
            new Lead(new LeadDetails("Ravi", null, null, null, null, ModeOfCommunication.Call, 1), 7)).Errors[0].Field);

    [Fact]
    public void An_inactive_user_cannot_be_made_conversion_rm()
    {
        var rm = new User("Old Timer", "old@jlnb.in", RoleLevel.Executive, 1, "hash");
        rm.Deactivate();
        Assert.Equal("rmId", Assert.Throws<RuleViolationException>(() => NewLead().AssignConversionRm(rm)).Errors[0].Field);
    }
}
