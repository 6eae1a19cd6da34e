using JlnbCrm.Access;
using JlnbCrm.Clients;
using JlnbCrm.Database;
using JlnbCrm.Desks;
using JlnbCrm.Domain;
using JlnbCrm.ServiceLevels;
using JlnbCrm.ServiceRequests;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Kyc;

/// <summary>
/// Records a client's KYC status (those who may edit the client). Moving a client to On Hold or Rejected raises a
/// KYC Update service request on the desk routed for that type, once: not again while one for KYC is still open.
/// </summary>
public sealed class KycRegister(CrmDbContext db, DeskRouting routing)
{
    public async Task<Client> RecordAsync(long clientId, KycStatus status, DateOnly? checkedOn,
        CancellationToken ct = default)
    {
        var client = await db.Clients.Include(c => c.AssignedRm).RequireAsync(clientId, "client", "clientId", ct);
        db.Actor.RequireMayEditClient(client, "record its KYC status", "clientId");
        var checker = db.Actor.UserId
            ?? throw new RuleViolationException(ErrorCodes.Forbidden,
                "Sign in as a staff member to record KYC.", "clientId");
        var today = DateOnly.FromDateTime(db.UtcNow);
        client.RecordKyc(status, checkedOn ?? today, checker, today);
        if (status.NeedsUpdate() && !await HasOpenKycRequestAsync(client.Id, ct))
            db.ServiceRequests.Add(await RaiseUpdateAsync(client, status, ct));
        await db.SaveChangesAsync(ct);
        return client;
    }

    /// <summary>Unfiltered: a request the actor cannot see (another desk's) still counts as already raised.</summary>
    private Task<bool> HasOpenKycRequestAsync(long clientId, CancellationToken ct) =>
        db.ServiceRequests.IgnoreQueryFilters().AnyAsync(r => r.ClientId == clientId
            && r.Type == ServiceRequestType.KycUpdate
            && (r.Status == ServiceRequestStatus.Pending || r.Status == ServiceRequestStatus.InProgress), ct);

    private async Task<ServiceRequest> RaiseUpdateAsync(Client client, KycStatus status, CancellationToken ct)
    {
        var type = ServiceRequestType.KycUpdate;
        var request = new ServiceRequest(client.Id, type,
            $"KRA shows KYC {EnumText<KycStatus>.ToText(status)} for {client.Name}: update the client's KYC.",
            await routing.DeskForAsync(type, ct));
        var now = db.UtcNow;
        request.StartClock(now, (await SlaTargets.LoadAsync(db, ct)).DueAt(type, now));
        return request;
    }
}
