using JlnbCrm.ClientQueries;
using JlnbCrm.Domain;
using JlnbCrm.Interactions;
using JlnbCrm.Leads;
using JlnbCrm.Products;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;
using Npgsql;
using NpgsqlTypes;

namespace JlnbCrm.Bench.Loading;

/// <summary>
/// The realistic firm a migrated database is filled with: each table's row count, columns and row writer, handed
/// to <see cref="ParallelLoad"/>, which copies them (binary COPY, tables of a wave in parallel). Values of enum
/// columns come from the domain's own text (<see cref="EnumText{T}"/>), never retyped here.
/// </summary>
public sealed class BulkLoader(NpgsqlDataSource owner, DataSet set)
{
    /// <summary>
    /// Each table's writer draws from its own generator (seeded by the table's place in the list, so a load is
    /// repeatable), because tables of one wave are written at the same time and <see cref="Random"/> is not thread-safe.
    /// </summary>
    private readonly AsyncLocal<Random> _tableRandom = new();
    private Random _random => _tableRandom.Value ?? throw new InvalidOperationException("A row writer ran outside its table's load.");
    private readonly DateTime _now = DateTime.UtcNow;
    private Staff _staff = null!;
    private (ServiceRequestType Type, Staff.Desk Desk)[] _routes = [];
    private long[] _rmOfClient = [];
    private int _tables;
    /// <summary>Each user's team, built once before the writers run (they run in parallel and only read it).</summary>
    private Dictionary<long, long?> _teamOf = [];

    /// <summary>
    /// Every table's rows, loaded by <see cref="ParallelLoad"/> in foreign-key order. Writers may use what a writer
    /// of a table they reference recorded (interactions and queries read the clients' RMs), because a referenced
    /// table is always loaded in an earlier wave.
    /// </summary>
    public async Task<LoadSummary> LoadAsync()
    {
        _staff = Staff.Plan(set);
        _teamOf = _staff.Users.ToDictionary(u => u.Id, u => u.Team);
        _routes = _staff.Routes.Select(r => (r.Key, r.Value)).ToArray();
        _rmOfClient = new long[set.Clients + 1];
        var loads = new List<TableCopy>
        {
            Table("teams", _staff.TeamCount, "id, name, kind, is_default_desk, version, created_at, updated_at", WriteTeam),
            Table("users", _staff.Users.Length, "id, name, email, role_id, team_id, is_active, password_hash, security_stamp, version, created_at, updated_at, failed_sign_ins", (w, i) =>
            {
                var user = _staff.Users[i];
                w.Write(user.Id); w.Write(user.Name); w.Write(user.Email); w.Write((int)user.Role);
                if (user.Team is { } team) w.Write(team); else w.WriteNull();
                w.Write(true); w.Write(Staff.PasswordHash); w.Write(Guid.NewGuid().ToString("N")); w.Write(0L); Stamp(w, 900); Stamp(w, 10); w.Write(0);
            }),
            Table("products", set.Products, "id, name, category, is_active, version, created_at, updated_at", (w, i) =>
            {
                var categories = Enum.GetValues<ProductCategory>();
                w.Write((long)i + 1); w.Write($"JLNB {Names.ProductWords[i % Names.ProductWords.Length]} {i + 1}");
                w.Write(EnumText<ProductCategory>.ToText(categories[i % categories.Length])); w.Write(true); w.Write(0L); Stamp(w, 900); Stamp(w, 10);
            }),
            Table("desk_routes", _staff.Routes.Count, "id, type, team_id, version, created_at, updated_at", (w, i) =>
            {
                var (type, desk) = _routes[i];
                w.Write((long)i + 1); w.Write(EnumText<ServiceRequestType>.ToText(type)); w.Write(desk.Id); w.Write(0L); Stamp(w, 900); Stamp(w, 10);
            }),
        };

        loads.Add(Table("clients", set.Clients,
            "id, name, pan, account_id, mobile, email, address, date_of_birth, assigned_rm_id, team_id, version, created_at, updated_at", WriteClient));

        loads.Add(Table("client_products", set.Clients + set.Clients / 3, "id, client_id, product_id, subscribed_on, created_at, client_rm_id, client_team_id", (w, i) =>
        {
            // Every client holds one product; every third client a second, different one.
            long client = i < set.Clients ? i + 1 : (i - set.Clients) * 3L + 1;
            long product = i < set.Clients ? client % set.Products + 1 : (client + 5) % set.Products + 1;
            w.Write((long)i + 1); w.Write(client); w.Write(product); w.Write(DateOnly.FromDateTime(Past(700)), NpgsqlDbType.Date); Stamp(w, 700);
            WriteOwner(w, client);
        }));

        var leadStatuses = new[] { LeadStatus.New, LeadStatus.New, LeadStatus.Wip, LeadStatus.Wip, LeadStatus.Converted, LeadStatus.Denied };
        var modes = Enum.GetValues<ModeOfCommunication>();
        loads.Add(Table("leads", set.Leads, "id, prospect_name, mobile, ref_obtained_by_id, conversion_rm_id, mode_of_communication, product_id, status, denial_reason, converted_client_id, version, created_at, updated_at", (w, i) =>
        {
            var by = _staff.Juniors[_random.Next(_staff.Juniors.Length)];
            var status = leadStatuses[_random.Next(leadStatuses.Length)];
            w.Write((long)i + 1); w.Write($"{Names.First[_random.Next(Names.First.Length)]} {Names.Last[_random.Next(Names.Last.Length)]}");
            w.Write(Mobile()); w.Write(by.Id);
            if (_random.Next(2) == 0) w.WriteNull(); else w.Write(_staff.TeamMate(by, _random).Id);
            w.Write(EnumText<ModeOfCommunication>.ToText(modes[_random.Next(modes.Length)])); w.Write((long)_random.Next(set.Products) + 1);
            w.Write(EnumText<LeadStatus>.ToText(status));
            if (status == LeadStatus.Denied) w.Write("Not interested at present"); else w.WriteNull();
            if (status == LeadStatus.Converted) w.Write((long)_random.Next(set.Clients) + 1); else w.WriteNull();
            w.Write(0L); Stamp(w, 365); Stamp(w, 30);
        }));

        // A Query Resolution must name its query (a check constraint); the loaded history is reviews and new business.
        InteractionType[] interactionTypes = [InteractionType.NewBusiness, InteractionType.PortfolioReview, InteractionType.PortfolioReview];
        loads.Add(Table("interactions", set.Interactions, "id, client_id, user_id, type, details, occurred_at, version, created_at, updated_at, client_rm_id, client_team_id", (w, i) =>
        {
            var client = (long)_random.Next(set.Clients) + 1;
            var at = Past(730);
            w.Write((long)i + 1); w.Write(client); w.Write(_rmOfClient[client]);
            w.Write(EnumText<InteractionType>.ToText(interactionTypes[_random.Next(interactionTypes.Length)]));
            w.Write(Names.Details[_random.Next(Names.Details.Length)]);
            w.Write(at, NpgsqlDbType.TimestampTz); w.Write(0L); w.Write(at, NpgsqlDbType.TimestampTz); w.Write(at, NpgsqlDbType.TimestampTz);
            WriteOwner(w, client);
        }));

        var queryStatuses = Enum.GetValues<ClientQueryStatus>();
        loads.Add(Table("queries", set.Queries, "id, client_id, assigned_rm_id, details, status, resolution, resolved_at, version, created_at, updated_at, due_at, client_rm_id, client_team_id", (w, i) =>
        {
            var client = (long)_random.Next(set.Clients) + 1;
            var status = queryStatuses[_random.Next(queryStatuses.Length)];
            var resolved = status is ClientQueryStatus.Resolved or ClientQueryStatus.Closed;
            w.Write((long)i + 1); w.Write(client); w.Write(_rmOfClient[client]); w.Write("Statement for last quarter not received");
            w.Write(EnumText<ClientQueryStatus>.ToText(status));
            if (resolved) { w.Write("Statement re-sent by email"); w.Write(Past(30), NpgsqlDbType.TimestampTz); } else { w.WriteNull(); w.WriteNull(); }
            w.Write(0L); var opened = Past(365); w.Write(opened, NpgsqlDbType.TimestampTz); Stamp(w, 30);
            w.Write(opened.AddDays(3), NpgsqlDbType.TimestampTz); // due-at: the query target, in calendar days (close enough to load)
            WriteOwner(w, client);
        }));

        var requestTypes = Enum.GetValues<ServiceRequestType>();
        var requestStatuses = Enum.GetValues<ServiceRequestStatus>();
        loads.Add(Table("service_requests", set.ServiceRequests, "id, client_id, type, details, status, desk_id, assigned_user_id, rejection_reason, closed_at, version, created_at, updated_at, due_at, client_rm_id, client_team_id", (w, i) =>
        {
            var client = (long)_random.Next(set.Clients) + 1;
            var type = requestTypes[_random.Next(requestTypes.Length)];
            var status = requestStatuses[_random.Next(requestStatuses.Length)];
            // On the desk its type is routed to, as raising it would put it; a quarter still wait on the desk's queue,
            // the rest are assigned to one of that desk's people (an assignee is always on the request's desk).
            var desk = _staff.Routes[type];
            w.Write((long)i + 1); w.Write(client); w.Write(EnumText<ServiceRequestType>.ToText(type));
            w.Write("Please update as per the attached form"); w.Write(EnumText<ServiceRequestStatus>.ToText(status)); w.Write(desk.Id);
            if (_random.Next(4) == 0) w.WriteNull(); else w.Write(desk.Members[_random.Next(desk.Members.Length)].Id);
            if (status == ServiceRequestStatus.Rejected) w.Write("Signature mismatch"); else w.WriteNull();
            if (status is ServiceRequestStatus.Completed or ServiceRequestStatus.Rejected) w.Write(Past(20), NpgsqlDbType.TimestampTz); else w.WriteNull();
            w.Write(0L); var raised = Past(120); w.Write(raised, NpgsqlDbType.TimestampTz); Stamp(w, 20);
            w.Write(raised.AddDays(3), NpgsqlDbType.TimestampTz); // due-at: a typical target, in calendar days
            WriteOwner(w, client);
        }));
        return await new ParallelLoad(owner).RunAsync(loads);
    }

    public Staff People => _staff;

    private void Stamp(NpgsqlBinaryImporter w, int days) => w.Write(Past(days), NpgsqlDbType.TimestampTz);

    private DateTime Past(int days) => _now.AddSeconds(-_random.NextDouble() * days * 86400);

    private string Mobile() => "9" + _random.NextInt64(100_000_000, 999_999_999);

    private TableCopy Table(string table, long rows, string columns, Action<NpgsqlBinaryImporter, int> writeRow)
    {
        var seed = 20261125 + _tables++;
        return new TableCopy(table, rows, columns, writeRow, () => _tableRandom.Value = new Random(seed));
    }

    /// <summary>The RM teams (ids 1..<see cref="DataSet.Teams"/>), then the operations desks.</summary>
    private void WriteTeam(NpgsqlBinaryImporter w, int i)
    {
        var id = i + 1L;
        var desk = _staff.Desks.FirstOrDefault(d => d.Id == id);
        w.Write(id); w.Write(desk?.Name ?? $"Team {id:D2} · {Names.Cities[i % Names.Cities.Length]}");
        w.Write(EnumText<TeamKind>.ToText(desk is null ? TeamKind.Relationship : TeamKind.Operations)); w.Write(desk?.IsDefault ?? false);
        w.Write(0L); Stamp(w, 900); Stamp(w, 10);
    }

    /// <summary>A record's copy of its client's ownership (client_rm_id, client_team_id), as ClientOwnership keeps it.</summary>
    private void WriteOwner(NpgsqlBinaryImporter w, long client)
    {
        w.Write(_rmOfClient[client]);
        WriteTeam(w, _rmOfClient[client]);
    }

    private void WriteTeam(NpgsqlBinaryImporter w, long userId)
    {
        if (_teamOf[userId] is { } team) w.Write(team); else w.WriteNull();
    }

    private void WriteClient(NpgsqlBinaryImporter w, int i)
    {
        var id = i + 1L;
        var rm = _staff.Juniors[_random.Next(_staff.Juniors.Length)].Id;
        _rmOfClient[id] = rm;
        var name = $"{Names.First[_random.Next(Names.First.Length)]} {Names.Last[_random.Next(Names.Last.Length)]}";
        w.Write(id); w.Write(name); w.Write(Pans.For(id));
        if (i % 10 < 7) w.Write($"JL{id:D9}"); else w.WriteNull();
        w.Write(Mobile()); w.Write($"{name.Replace(' ', '.').ToLowerInvariant()}{id}@example.in");
        w.Write($"{_random.Next(1, 400)}, {Names.Cities[_random.Next(Names.Cities.Length)]}");
        w.Write(new DateOnly(1950, 1, 1).AddDays(_random.Next(20000)), NpgsqlDbType.Date);
        w.Write(rm); WriteTeam(w, rm); w.Write(0L); Stamp(w, 1000); Stamp(w, 100);
    }
}
