using Bogus;
using JlnbCrm.ClientQueries;
using JlnbCrm.Clients;
using JlnbCrm.Consents;
using JlnbCrm.Database;
using JlnbCrm.Desks;
using JlnbCrm.Interactions;
using JlnbCrm.Leads;
using JlnbCrm.Products;
using JlnbCrm.ServiceLevels;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Seeding;

/// <summary>
/// Fills an empty database with a realistic, deterministic firm: the same seed and anchor always give
/// the same rows. Clients stream in batches (each batch saved, then forgotten) so memory stays flat at any scale.
/// </summary>
public sealed class DemoSeeder(CrmDbContext db, DateTime anchorUtc, int seed = 2026)
{
    private const int BatchSize = 500;
    private readonly Faker _faker = new("en_IND") { Random = new Randomizer(seed) };
    /// <summary>Review calendars and anniversaries draw from their own stream, so every other demo row stays as it was.</summary>
    private readonly Randomizer _calendar = new(seed + 16);
    private readonly DateTime _start = anchorUtc.AddMonths(-18);
    private List<Product> _products = [];
    /// <summary>RMs and RM heads (they own clients and obtain references).</summary>
    private List<User> _staff = [];
    /// <summary>Each request type's desk and the desk's people (who work the seeded requests).</summary>
    private Dictionary<ServiceRequestType, (Team Desk, List<User> People)> _desks = [];
    private SlaTargets _sla = null!;
    private readonly List<(long Id, long ClientId, DateTime At)> _reviews = [];
    private readonly DemoReferrals _referrals = new(seed);

    /// <summary>Seeds unless the database already has users. Returns whether it seeded.</summary>
    public async Task<bool> SeedAsync(DemoScale scale, IProgress<int>? clientsDone = null, CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(ct)) return false;
        using var bulk = db.BeginBulkLoad("demo data");
        // All or nothing: a seed that fails half-way must not leave a database that looks seeded.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SeedDirectoryAsync(ct);
        _sla = await SeedHolidaysAsync(ct);
        for (var first = 0; first < scale.Clients; first += BatchSize)
        {
            await SeedClientBatchAsync(first, Math.Min(BatchSize, scale.Clients - first), scale, ct);
            clientsDone?.Report(Math.Min(first + BatchSize, scale.Clients));
        }
        await SeedOpenLeadsAsync(scale.Leads, ct);
        await new DemoHouseholds(db, seed).SeedAsync(ct);
        await SeedConsentsAsync(ct);
        await new DemoKyc(db, anchorUtc, seed).SeedAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task SeedDirectoryAsync(CancellationToken ct)
    {
        var teams = DemoDirectory.Teams.Select(t => new Team(t.Name, t.Kind)).ToList();
        db.Teams.AddRange(teams);
        await db.SaveChangesAsync(ct);
        teams[DemoDirectory.DefaultDesk].MarkDefaultDesk(true);
        db.DeskRoutes.AddRange(DemoDirectory.Routes.Select(r => new DeskRoute(r.Type, teams[r.Desk])));
        var hash = Passwords.Hash(DemoDirectory.Password);
        var users = DemoDirectory.People.Select(p => new User(p.Name, p.Email, p.Role, p.Team is { } t ? teams[t].Id : null, hash)).ToList();
        _products = DemoDirectory.Products.Select(p => new Product(p.Name, p.Category)).ToList();
        db.Users.AddRange(users);
        db.Products.AddRange(_products);
        await db.SaveChangesAsync(ct);
        var desks = teams.Where(t => t.IsDesk).Select(t => t.Id).ToHashSet();
        _staff = users.Where(u => u.RoleId != RoleLevel.Admin && !desks.Contains(u.TeamId!.Value)).ToList();
        _desks = DemoDirectory.Routes.ToDictionary(r => r.Type,
            r => (teams[r.Desk], users.Where(u => u.TeamId == teams[r.Desk].Id).ToList()));
    }

    /// <summary>The firm's national holidays, then the targets (seeded by migration) that date the demo work.</summary>
    private async Task<SlaTargets> SeedHolidaysAsync(CancellationToken ct)
    {
        db.Holidays.AddRange(DemoDirectory.Holidays.Select(h => new Holiday(h.Date, h.Name)));
        await db.SaveChangesAsync(ct);
        return await SlaTargets.LoadAsync(db, ct);
    }

    private async Task SeedClientBatchAsync(int first, int count, DemoScale scale, CancellationToken ct)
    {
        var clients = Enumerable.Range(first, count).Select(NewClient).ToList();
        db.Clients.AddRange(clients);
        await db.SaveChangesAsync(ct);
        clients.ForEach(_referrals.Consider);

        var converted = new List<(Lead Lead, Client Client)>();
        var interactions = new List<Interaction>();
        foreach (var client in clients)
        {
            if (_faker.Random.Bool(0.3f)) converted.Add((ConvertedLead(client), client));
            interactions.AddRange(Timeline(client, scale.InteractionsPerClient));
        }
        db.Leads.AddRange(converted.Select(c => c.Lead));
        db.Interactions.AddRange(interactions);
        await db.SaveChangesAsync(ct);
        foreach (var (lead, client) in converted) client.LinkSourceLead(lead.Id);
        foreach (var review in interactions.Where(i => i.Type == InteractionType.PortfolioReview).TakeLast(20))
            _reviews.Add((review.Id, review.ClientId, review.OccurredAt));

        var queryShare = (float)scale.Queries / scale.Clients;
        var requestShare = (float)scale.ServiceRequests / scale.Clients;
        foreach (var client in clients)
        {
            if (_faker.Random.Bool(queryShare)) AddQuery(client);
            if (_faker.Random.Bool(requestShare)) db.ServiceRequests.Add(NewServiceRequest(client));
        }
        await db.SaveChangesAsync(ct);

        // Forget the batch; keep the catalogue and the desks tracked so new holdings and requests can point at them
        // (an untracked desk reached from a new request would be inserted again).
        db.ChangeTracker.Clear();
        db.Products.AttachRange(_products);
        db.Teams.AttachRange(_desks.Values.Select(d => d.Desk).Distinct());
    }

    private Client NewClient(int index)
    {
        var first = _faker.Name.FirstName();
        var last = _faker.Name.LastName();
        var rm = _faker.PickRandom(_staff);
        var created = Between(_start, anchorUtc.AddDays(-2));
        var details = new ClientDetails(
            $"{first} {last}", DemoPan(index, last),
            AccountId: _faker.Random.Bool(0.7f) ? $"JL{100000 + index}" : null,
            Mobile: $"+91 {_faker.Random.Int(6, 9)}{_faker.Random.Long(100_000_000, 999_999_999)}",
            Email: $"{EmailPart(first)}.{EmailPart(last)}{index}@example.in",
            Address: $"{_faker.Address.StreetAddress()}, {_faker.Address.City()}",
            DateOfBirth: DateOnly.FromDateTime(_faker.Date.Between(new DateTime(1950, 1, 1), new DateTime(2002, 12, 31))));
        var client = new Client(WithCalendar(details), rm.Id);
        client.Backdate(created);
        foreach (var product in _faker.PickRandom(_products, _faker.Random.Int(1, 3)))
            client.AddProduct(product, DateOnly.FromDateTime(created.AddDays(_faker.Random.Int(0, 30))));
        return client;
    }

    /// <summary>
    /// A review frequency and next review for three clients in four (a few overdue or due within the week of the
    /// anchor, the rest later in their cycle, so every RM's My day has some), and an anniversary for two in five.
    /// </summary>
    private ClientDetails WithCalendar(ClientDetails details)
    {
        var today = WorkingCalendar.DateInIndia(anchorUtc);
        var frequency = _calendar.WeightedRandom(Enum.GetValues<ReviewFrequency>(), [0.25f, 0.05f, 0.4f, 0.2f, 0.1f]);
        DateOnly? next = null;
        if (frequency.NextAfter(today) is { } cycleEnd)
            next = _calendar.Bool(0.06f) ? today.AddDays(_calendar.Int(-14, 7)) : today.AddDays(_calendar.Int(8, cycleEnd.DayNumber - today.DayNumber));
        var married = details.DateOfBirth?.AddYears(_calendar.Int(22, 35));
        var anniversary = _calendar.Bool(0.4f) && married < today ? married : null;
        return details with { ReviewFrequency = frequency, NextReviewOn = next, Anniversary = anniversary };
    }

    /// <summary>
    /// Unique, valid PANs for any index: (index × a prime) mod 26³·10⁴ is a permutation, split into three
    /// letters and four digits; the fourth letter is P (individual), the fifth the surname's initial.
    /// </summary>
    internal static string DemoPan(int index, string surname)
    {
        const long space = 26L * 26 * 26 * 10_000;
        var p = index * 1_000_003L % space;
        var letters = p / 10_000;
        var initial = char.ToUpperInvariant(surname.FirstOrDefault(char.IsAsciiLetter, 'X'));
        return $"{(char)('A' + letters / 676)}{(char)('A' + letters / 26 % 26)}{(char)('A' + letters % 26)}P{initial}{p % 10_000:D4}{(char)('A' + p % 26)}";
    }

    private Lead ConvertedLead(Client client)
    {
        var obtainedBy = TeamMate(client.AssignedRmId);
        var lead = new Lead(new LeadDetails(client.Name, client.Mobile, client.Email, client.Pan, _faker.Name.FullName(),
            _faker.PickRandom<ModeOfCommunication>(), client.Products.First().ProductId), obtainedBy.Id);
        var given = client.CreatedAt.AddDays(-_faker.Random.Int(3, 40));
        lead.Update(_referrals.Credit(lead.Details, given));
        // Converting created the client, so the reference was last touched then: the ledger's time to convert.
        lead.Backdate(given, lastChangedAtUtc: client.CreatedAt);
        lead.MoveToWip();
        lead.Convert(client);
        return lead;
    }

    private IEnumerable<Interaction> Timeline(Client client, int count)
    {
        var at = client.CreatedAt;
        yield return new Interaction(client.Id, client.AssignedRmId, InteractionType.NewBusiness,
            $"Onboarded with {client.Products.First().Product!.Name}.", at, client.Products.First().ProductId);
        for (var i = 1; i < count; i++)
        {
            at = Between(at, anchorUtc);
            var product = _faker.PickRandom(_products);
            yield return new Interaction(client.Id, client.AssignedRmId, InteractionType.PortfolioReview,
                _faker.PickRandom(ReviewNotes), at, product.Id);
        }
    }

    private void AddQuery(Client client)
    {
        var query = new ClientQuery(client.Id, client.AssignedRmId, _faker.PickRandom(QueryTopics));
        var opened = Between(client.CreatedAt, anchorUtc);
        query.StartClock(opened, _sla.DueAt(null, opened));
        var fate = _faker.Random.Int(0, 9);
        if (fate >= 2) query.Start();
        if (fate >= 5)
        {
            var resolvedAt = Min(opened.AddHours(_faker.Random.Int(2, 24 * 14)), anchorUtc);
            query.Resolve(_faker.PickRandom(Resolutions), resolvedAt);
            if (fate >= 8) query.Close(null, resolvedAt);
            db.ClientQueries.Add(query);
            db.Interactions.Add(Interaction.ResolvingQuery(query, client.AssignedRmId, query.Resolution!, resolvedAt));
            return;
        }
        db.ClientQueries.Add(query);
    }

    private ServiceRequest NewServiceRequest(Client client)
    {
        var type = _faker.PickRandom(OperationalTypes);
        var (desk, deskPeople) = _desks[type];
        var request = new ServiceRequest(client.Id, type, $"{EnumTextOf(type)} requested by {client.Name}.", desk);
        var created = Between(client.CreatedAt, anchorUtc);
        request.StartClock(created, _sla.DueAt(type, created));
        var fate = _faker.Random.Int(0, 9);
        var worker = _faker.PickRandom(deskPeople); // as many draws as before desks: the rest of the firm is unchanged
        var finished = Min(created.AddHours(_faker.Random.Int(1, 24 * 10)), anchorUtc);
        if (fate >= 3) request.MoveTo(ServiceRequestStatus.InProgress, worker.Id, null, finished);
        if (fate >= 6) request.MoveTo(ServiceRequestStatus.Completed, worker.Id, null, finished);
        else if (fate == 5) request.MoveTo(ServiceRequestStatus.Rejected, worker.Id, "Documents incomplete; client informed.", finished);
        return request;
    }

    /// <summary>
    /// The request types the demo's history uses: those from before data-principal requests, in enum order, so adding
    /// types leaves every earlier draw (and the demo firm) as it was.
    /// </summary>
    private static readonly ServiceRequestType[] OperationalTypes =
        Enum.GetValues<ServiceRequestType>().Where(t => !ServiceLevel.DataPrincipalRequests.Contains(t)).ToArray();

    /// <summary>
    /// The consent register: most clients consented to service communication when onboarded, many to marketing, a few to
    /// data sharing; some later withdrew marketing (so their cross-sell references drop out). A random source of its own,
    /// so the rest of the demo firm is the same draw as before consents existed.
    /// </summary>
    private async Task SeedConsentsAsync(CancellationToken ct)
    {
        var random = new Randomizer(seed + 16);
        var clients = await db.Clients.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        foreach (var client in clients)
        {
            var given = client.CreatedAt.AddMinutes(random.Int(5, 120));
            if (given > anchorUtc) continue;
            if (random.Bool(0.8f))
                AddConsent(Consent.Give(client, ConsentPurpose.ServiceCommunication, given, client.AssignedRmId,
                    "Account opening form, section 9 (signed)."), given);
            if (random.Bool(0.2f))
                AddConsent(Consent.Give(client, ConsentPurpose.DataSharingWithPartners, given, client.AssignedRmId,
                    "Account opening form, section 10 (signed)."), given);
            if (!random.Bool(0.5f)) continue;
            var marketing = Consent.Give(client, ConsentPurpose.Marketing, given, client.AssignedRmId,
                "Opted in on the account opening form.");
            marketing.Backdate(given);
            var withdrawn = given + (anchorUtc - given) * random.Double();
            if (random.Bool(0.15f) && withdrawn > given)
                marketing.Withdraw(withdrawn, client.AssignedRmId, "Client asked by email to stop product offers.");
            db.Consents.Add(marketing);
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        void AddConsent(Consent consent, DateTime at)
        {
            consent.Backdate(at);
            db.Consents.Add(consent);
        }
    }

    private async Task SeedOpenLeadsAsync(int count, CancellationToken ct)
    {
        _staff.ForEach(u => db.Attach(u));
        for (var i = 0; i < count; i++)
        {
            var obtainedBy = _faker.PickRandom(_staff);
            var origin = _reviews.Count > 0 && _faker.Random.Bool(0.15f) ? _faker.PickRandom(_reviews) : default;
            var first = _faker.Name.FirstName();
            var last = _faker.Name.LastName();
            var lead = new Lead(new LeadDetails($"{first} {last}",
                $"+91 {_faker.Random.Int(6, 9)}{_faker.Random.Long(100_000_000, 999_999_999)}",
                _faker.Random.Bool() ? $"{EmailPart(first)}.{EmailPart(last)}@example.com" : null,
                _faker.Random.Bool(0.4f) ? DemoPan(5_000_000 + i, last) : null,
                origin.Id != 0 ? null : _faker.Name.FullName(), _faker.PickRandom<ModeOfCommunication>(),
                _faker.PickRandom(_products).Id, Notes: _faker.Random.Bool(0.3f) ? "Prefers evening calls." : null),
                obtainedBy.Id, origin.Id != 0 ? origin.Id : null);
            var given = origin.Id != 0 ? origin.At : Between(_start, anchorUtc);
            lead.Backdate(given);
            switch (_faker.Random.Int(0, 9))
            {
                case < 4:
                    if (origin.Id == 0) lead.Update(_referrals.Credit(lead.Details, given));
                    break;
                case < 8:
                    lead.MoveToWip();
                    lead.AssignConversionRm(TeamMate(obtainedBy.Id));
                    break;
                default:
                    if (origin.Id == 0) lead.Update(_referrals.Credit(lead.Details, given));
                    lead.Deny(_faker.PickRandom(DenialReasons));
                    // Denied within a few weeks of intake (never after the anchor): the ledger's denials have a date.
                    lead.Backdate(given, lastChangedAtUtc: Min(given.AddDays(_referrals.DaysToDecide()), anchorUtc));
                    break;
            }
            db.Leads.Add(lead);
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private User TeamMate(long userId)
    {
        var team = _staff.First(u => u.Id == userId).TeamId;
        return _faker.PickRandom(_staff.Where(u => u.TeamId == team).ToList());
    }

    /// <summary>A random time in [from, to], whole seconds (both providers store it identically).</summary>
    private DateTime Between(DateTime from, DateTime to)
    {
        var at = from >= to ? to : _faker.Date.Between(from, to);
        return new DateTime(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    private static string EmailPart(string name) => new(name.ToLowerInvariant().Where(char.IsAsciiLetter).ToArray());

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static string EnumTextOf<T>(T value) where T : struct, Enum => Domain.EnumText<T>.ToText(value);

    private static readonly string[] ReviewNotes =
    [
        "Quarterly review: portfolio on track, rebalanced towards debt.",
        "Discussed goals for child's education; SIP increased.",
        "Client happy with returns; asked about tax-saving options.",
        "Reviewed asset allocation; suggested adding international exposure.",
        "Annual review completed; risk profile unchanged.",
    ];

    private static readonly string[] QueryTopics =
    [
        "Capital gains statement for last financial year not received.",
        "SIP debited twice this month.",
        "Nominee details show the wrong name.",
        "Wants to understand exit load on redemption.",
        "Dividend not credited to bank account.",
    ];

    private static readonly string[] Resolutions =
    [
        "Statement re-sent by email; client confirmed receipt.",
        "Duplicate debit reversed by the AMC.",
        "Nominee corrected after KYC update.",
        "Explained exit load schedule; client satisfied.",
    ];

    private static readonly string[] DenialReasons =
    [
        "Already invested through another distributor.",
        "Not interested at present.",
        "Could not be reached after five attempts.",
        "Investment horizon too short for the product.",
    ];
}
