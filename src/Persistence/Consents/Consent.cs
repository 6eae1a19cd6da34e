using JlnbCrm.Clients;
using JlnbCrm.Domain;
using JlnbCrm.Users;

namespace JlnbCrm.Consents;

/// <summary>
/// One grant of consent by a client for one purpose: who recorded it, when, and the evidence (a signed form, a
/// recorded call). Withdrawal closes the grant, it never deletes it (the DPDP Act asks the firm to show consent was
/// held when data was used); consenting again is a new grant. At most one grant per client and purpose is current.
/// </summary>
public sealed class Consent : Entity
{
    public const int EvidenceLength = 1000;

    private Consent() { }

    private Consent(long clientId, ConsentPurpose purpose, DateTime givenAt, long givenById, string evidence)
    {
        if (!Enum.IsDefined(purpose))
            throw new RuleViolationException(ErrorCodes.Invalid, "Unknown consent purpose.", "purpose");
        ClientId = clientId;
        Purpose = purpose;
        GivenAt = givenAt;
        GivenById = givenById;
        Evidence = Guard.Required(evidence, "evidence", EvidenceLength);
    }

    /// <summary>Records that the client gave consent, as told to <paramref name="staffId"/>, with its evidence.</summary>
    public static Consent Give(Client client, ConsentPurpose purpose, DateTime givenAt, long staffId, string evidence) =>
        new(client.Id, purpose, givenAt, staffId, evidence);

    public long ClientId { get; private set; }
    public Client? Client { get; private set; }
    public ConsentPurpose Purpose { get; private set; }
    public DateTime GivenAt { get; private set; }
    /// <summary>The staff member who recorded the consent.</summary>
    public long GivenById { get; private set; }
    public User? GivenBy { get; private set; }
    /// <summary>How the consent was obtained (form reference, call recording id…).</summary>
    public string Evidence { get; private set; } = "";
    public DateTime? WithdrawnAt { get; private set; }
    public long? WithdrawnById { get; private set; }
    public User? WithdrawnBy { get; private set; }
    /// <summary>How the withdrawal reached the firm (email, branch visit…).</summary>
    public string? WithdrawalEvidence { get; private set; }

    public bool IsCurrent => WithdrawnAt is null;

    /// <summary>Closes the grant: the client no longer consents to this purpose from <paramref name="withdrawnAt"/>.</summary>
    public void Withdraw(DateTime withdrawnAt, long staffId, string evidence)
    {
        if (!IsCurrent)
            throw new RuleViolationException(ErrorCodes.IllegalTransition, "This consent was already withdrawn.", "id");
        if (withdrawnAt < GivenAt)
            throw new RuleViolationException(ErrorCodes.Invalid, "A consent cannot be withdrawn before it was given.", "withdrawnAt");
        WithdrawalEvidence = Guard.Required(evidence, "evidence", EvidenceLength);
        WithdrawnAt = withdrawnAt;
        WithdrawnById = staffId;
    }
}
