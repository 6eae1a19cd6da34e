using JlnbCrm.Access;
using JlnbCrm.Domain;
using JlnbCrm.Households;
using JlnbCrm.Kyc;
using JlnbCrm.Leads;
using JlnbCrm.Products;
using JlnbCrm.Users;

namespace JlnbCrm.Clients;

/// <summary>A client of the firm. PAN is compulsory and unique; the account id arrives later and is optional.</summary>
public sealed class Client : Entity
{
    private readonly List<ClientProduct> _products = [];

    private Client() { }

    public Client(ClientDetails details, long assignedRmId, long? sourceLeadId = null)
    {
        Update(details);
        AssignedRmId = assignedRmId;
        SourceLeadId = sourceLeadId;
    }

    public string Name { get; private set; } = "";
    public string Pan { get; private set; } = "";
    public string? AccountId { get; private set; }
    public string? Mobile { get; private set; }
    public string? Email { get; private set; }
    public string? Address { get; private set; }
    public DateOnly? DateOfBirth { get; private set; }
    /// <summary>Wedding anniversary, for the RM's greetings (My day).</summary>
    public DateOnly? Anniversary { get; private set; }
    /// <summary>How often the portfolio is reviewed; each logged Portfolio Review moves <see cref="NextReviewOn"/> by it.</summary>
    public ReviewFrequency ReviewFrequency { get; private set; }
    /// <summary>India's calendar date the next portfolio review is due (null: none planned).</summary>
    public DateOnly? NextReviewOn { get; private set; }
    public long AssignedRmId { get; private set; }
    public User? AssignedRm { get; private set; }
    /// <summary>
    /// The assigned RM's team, stored so visibility is a plain indexed comparison (docs/access.md); set and kept
    /// current by <see cref="ClientOwnership"/> in the save that changes the RM or the RM's team.
    /// </summary>
    public long? TeamId { get; private set; }
    public long? SourceLeadId { get; private set; }
    public Lead? SourceLead { get; private set; }
    public IReadOnlyCollection<ClientProduct> Products => _products;

    /// <summary>The family group the client belongs to, if any (joined and left through <see cref="Household"/>).</summary>
    public long? HouseholdId { get; private set; }
    public Household? Household { get; private set; }

    /// <summary>KYC status as registered with the KYC registration agency, when it was last checked and by whom.</summary>
    public KycStatus KycStatus { get; private set; } = KycStatus.NotChecked;
    public DateOnly? KycCheckedOn { get; private set; }
    /// <summary>The staff member who checked it (no foreign key: SQLite would rebuild clients to add one).</summary>
    public long? KycCheckedById { get; private set; }

    public ClientDetails Details =>
        new(Name, Pan, AccountId, Mobile, Email, Address, DateOfBirth, Anniversary, ReviewFrequency, NextReviewOn);

    /// <summary>The details as this actor may see them: PAN and account id masked unless they see the client in full.</summary>
    public ClientDetails DetailsAsSeenBy(ICurrentActor actor) =>
        Details with { Pan = Protected.Pan.Shown(actor, this)!, AccountId = Protected.AccountId.Shown(actor, this) };

    /// <summary>
    /// PAN and account id: in clear for admins, the client's RM and the head of that RM's team
    /// (<see cref="AccessRules.SeesClientInFull"/>); anyone else who reaches the client through their work sees
    /// them masked, on every path (output, filter, sort and cursor, search, pages, exports). docs/access.md, Field rules.
    /// </summary>
    public static class Protected
    {
        private const string Clear = "admins, the client's RM, the head of that RM's team";

        public static readonly MaskedFieldRule<Client> Pan = new(nameof(Client.Pan), c => c.Pan,
            actor => actor.SeesClientInFullQuery(), SeesLoaded,
            pan => pan.Substring(0, 5) + "****" + pan.Substring(9, 1), Clear, "first five and last character: `ABCDE****F`");

        public static readonly MaskedFieldRule<Client> AccountId = new(nameof(Client.AccountId), c => c.AccountId,
            actor => actor.SeesClientInFullQuery(), SeesLoaded,
            id => id.Length > 4 ? "****" + id.Substring(id.Length - 4, 4) : "****", Clear,
            "last four characters only: `****1234` (a missing id stays empty)");

        public static IReadOnlyList<MaskedFieldRule<Client>> All { get; } = [Pan, AccountId];

        private static bool SeesLoaded(ICurrentActor actor, Client c) => actor.SeesClientInFull(c.AssignedRmId, c.AssignedRm?.TeamId);
    }

    public void Update(ClientDetails details)
    {
        var errors = new List<RuleError>();
        Name = Collect(errors, () => Guard.Required(details.Name, "name", 200))!;
        Pan = Collect(errors, () => Domain.Pan.Parse(details.Pan))!;
        AccountId = Collect(errors, () => Guard.Optional(details.AccountId, "accountId", 40));
        Mobile = Collect(errors, () => Guard.Mobile(details.Mobile, "mobile"));
        Email = Collect(errors, () => Guard.Email(details.Email, "email"));
        Address = Collect(errors, () => Guard.Optional(details.Address, "address", 500));
        if (details.DateOfBirth is { } dob && (dob > DateOnly.FromDateTime(DateTime.UtcNow) || dob.Year < 1900))
            errors.Add(new(ErrorCodes.Invalid, "Date of birth must be a past date after 1900.", "dateOfBirth"));
        DateOfBirth = details.DateOfBirth;
        if (details.Anniversary is { } anniversary && (anniversary > DateOnly.FromDateTime(DateTime.UtcNow) || anniversary.Year < 1900))
            errors.Add(new(ErrorCodes.Invalid, "Anniversary must be a past date after 1900.", "anniversary"));
        Anniversary = details.Anniversary;
        CheckReviewSchedule(details, errors);
        ReviewFrequency = details.ReviewFrequency;
        NextReviewOn = details.NextReviewOn;
        if (errors.Count > 0) throw new RuleViolationException(errors);
    }

    /// <summary>A recurring review needs a first date to recur from; a date alone is a one-off review.</summary>
    private static void CheckReviewSchedule(ClientDetails details, List<RuleError> errors)
    {
        if (!Enum.IsDefined(details.ReviewFrequency))
            errors.Add(new(ErrorCodes.Invalid, "Choose a review frequency.", "reviewFrequency"));
        else if (details.ReviewFrequency != ReviewFrequency.None && details.NextReviewOn is null)
            errors.Add(new(ErrorCodes.Required, "A review frequency needs the date of the next review.", "nextReviewOn"));
        if (details.NextReviewOn is { } next && (next < EarliestReview || next > LatestReview))
            errors.Add(new(ErrorCodes.Invalid, $"The next review must fall between {EarliestReview:yyyy} and {LatestReview:yyyy}.",
                "nextReviewOn"));
    }

    private static readonly DateOnly EarliestReview = new(2000, 1, 1);
    private static readonly DateOnly LatestReview = new(2099, 12, 31);

    /// <summary>
    /// A portfolio review held on <paramref name="reviewedOn"/> (India's date): the next one falls a frequency after it.
    /// The date only ever moves forward, so a review logged late for an earlier day, or one held before a date the RM
    /// set further out, changes nothing; without a frequency, a review on or after the planned date completes it.
    /// </summary>
    public void RecordReview(DateOnly reviewedOn)
    {
        if (ReviewFrequency.NextAfter(reviewedOn) is { } next)
        {
            if (NextReviewOn is null || next > NextReviewOn) NextReviewOn = next;
        }
        else if (NextReviewOn <= reviewedOn) NextReviewOn = null;
    }

    /// <summary>
    /// Records what the KRA shows for the client, checked on a past (or today's) date by <paramref name="checkedById"/>.
    /// Returns whether the status has just moved into one that needs a KYC update (so operations hear of it once).
    /// </summary>
    public bool RecordKyc(KycStatus status, DateOnly checkedOn, long checkedById, DateOnly today)
    {
        if (!Enum.IsDefined(status))
            throw new RuleViolationException(ErrorCodes.Invalid, "Unknown KYC status.", "status");
        if (status == KycStatus.NotChecked)
            throw new RuleViolationException(ErrorCodes.Invalid,
                "Record the status the KRA shows, not Not checked.", "status");
        if (checkedOn > today || checkedOn.Year < 2000)
            throw new RuleViolationException(ErrorCodes.Invalid, "The check date must be today or earlier.", "checkedOn");
        var newlyNeedsUpdate = status.NeedsUpdate() && !KycStatus.NeedsUpdate();
        KycStatus = status;
        KycCheckedOn = checkedOn;
        KycCheckedById = checkedById;
        return newlyNeedsUpdate;
    }

    /// <summary>Records the reference this client came from (set once, by conversion or a bulk load).</summary>
    internal void LinkSourceLead(long leadId) => SourceLeadId ??= leadId;

    internal void JoinHousehold(Household household)
    {
        Household = household;
        if (household.Id != 0) HouseholdId = household.Id; // a new household's id is filled in when it is saved
    }

    internal void LeaveHousehold()
    {
        Household = null;
        HouseholdId = null;
    }

    public void AssignRm(User rm)
    {
        if (!rm.IsActive)
            throw new RuleViolationException(ErrorCodes.Invalid, $"{rm.Name} is inactive and cannot be assigned clients.", "rmId");
        AssignedRmId = rm.Id;
        AssignedRm = rm;
    }

    internal void FollowRmTeam(long? teamId) => TeamId = teamId;

    /// <summary>Subscribes the client to a product once; a second subscription to the same product is refused.</summary>
    public ClientProduct AddProduct(Product product, DateOnly subscribedOn)
    {
        product.EnsureSellable("productId");
        if (_products.Any(p => p.ProductId == product.Id))
            throw new RuleViolationException(ErrorCodes.Duplicate, $"{Name} already holds {product.Name}.", "productId");
        var holding = new ClientProduct(this, product, subscribedOn);
        _products.Add(holding);
        return holding;
    }

    public void RemoveProduct(long productId)
    {
        var holding = _products.FirstOrDefault(p => p.ProductId == productId)
            ?? throw new RuleViolationException(ErrorCodes.NotFound, "The client does not hold that product.", "productId");
        _products.Remove(holding);
    }

    /// <summary>Runs every field check so a form can show all its errors at once, not just the first.</summary>
    private static string? Collect(List<RuleError> errors, Func<string?> check)
    {
        try { return check(); }
        catch (RuleViolationException e) { errors.AddRange(e.Errors); return null; }
    }
}

/// <summary>The editable fields of a client, as a form or a mutation input supplies them.</summary>
public sealed record ClientDetails(
    string Name, string Pan, string? AccountId = null, string? Mobile = null, string? Email = null,
    string? Address = null, DateOnly? DateOfBirth = null, DateOnly? Anniversary = null,
    ReviewFrequency ReviewFrequency = ReviewFrequency.None, DateOnly? NextReviewOn = null);
