using GraphQL.Types;
using JlnbCrm.Graph.ClientQueries;
using JlnbCrm.Graph.Clients;
using JlnbCrm.Graph.Consents;
using JlnbCrm.Graph.Deleting;
using JlnbCrm.Graph.Desks;
using JlnbCrm.Graph.Directory;
using JlnbCrm.Graph.Households;
using JlnbCrm.Graph.Interactions;
using JlnbCrm.Graph.Kyc;
using JlnbCrm.Graph.Leads;
using JlnbCrm.Graph.ServiceLevels;
using JlnbCrm.Graph.ServiceRequests;

namespace JlnbCrm.Graph.Schema;

/// <summary>Every workflow, each calling the domain service the pages call too.</summary>
public sealed class CrmMutation : ObjectGraphType
{
    public CrmMutation()
    {
        Name = "Mutation";
        this.AddLeadMutations();
        this.AddClientMutations();
        this.AddHouseholdMutations();
        this.AddKycMutations();
        this.AddInteractionMutations();
        this.AddClientQueryMutations();
        this.AddServiceRequestMutations();
        this.AddDirectoryMutations();
        this.AddServiceLevelMutations();
        this.AddDeleteMutations();
        this.AddDeskMutations();
        this.AddConsentMutations();
    }
}
