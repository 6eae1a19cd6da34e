using JlnbCrm.Database;
using JlnbCrm.Users;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.FunctionalTests.Identity;

/// <summary>
/// docs/access.md's visibility table, written out independently of the app (over rows loaded in memory),
/// so the GraphQL API and PostgreSQL's row-level security can both be checked against it.
/// </summary>
public sealed class AccessMatrix
{
    /// <summary>A desk head and an executive of each desk: they own no clients, references or interactions.</summary>
    public static readonly string[] OperationsPersonas =
        ["meera.pillai@jlnb.in", "farhan.qureshi@jlnb.in", "sanjay.patil@jlnb.in", "pooja.desai@jlnb.in"];

    public static readonly string[] Personas = ["admin@jlnb.in", "rohan.mehta@jlnb.in", "priya.nair@jlnb.in", "amit.verma@jlnb.in",
        .. OperationsPersonas];


    public static readonly string[] Tables = ["clients", "leads", "interactions", "queries", "service_requests"];

    private readonly Dictionary<long, User> _users;
    private readonly List<(long Id, long Rm)> _clients;
    private readonly List<(long Id, long By, long? Conv)> _leads;
    private readonly List<(long Id, long User, long Client)> _interactions;
    private readonly List<(long Id, long Rm, long Client)> _queries;
    private readonly List<(long Id, long? User, long Client, long Desk)> _requests;

    private AccessMatrix(Dictionary<long, User> users, List<(long, long)> clients, List<(long, long, long?)> leads,
        List<(long, long, long)> interactions, List<(long, long, long)> queries, List<(long, long?, long, long)> requests)
        => (_users, _clients, _leads, _interactions, _queries, _requests) = (users, clients, leads, interactions, queries, requests);

    public static async Task<AccessMatrix> LoadAsync(CrmDbContext db) => new(
        await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id),
        (await db.Clients.Select(c => new { c.Id, c.AssignedRmId }).ToListAsync()).Select(c => (c.Id, c.AssignedRmId)).ToList(),
        (await db.Leads.Select(l => new { l.Id, l.RefObtainedById, l.ConversionRmId }).ToListAsync()).Select(l => (l.Id, l.RefObtainedById, l.ConversionRmId)).ToList(),
        (await db.Interactions.Select(i => new { i.Id, i.UserId, i.ClientId }).ToListAsync()).Select(i => (i.Id, i.UserId, i.ClientId)).ToList(),
        (await db.ClientQueries.Select(q => new { q.Id, q.AssignedRmId, q.ClientId }).ToListAsync()).Select(q => (q.Id, q.AssignedRmId, q.ClientId)).ToList(),
        (await db.ServiceRequests.Select(s => new { s.Id, s.AssignedUserId, s.ClientId, s.DeskId }).ToListAsync())
            .Select(s => (s.Id, s.AssignedUserId, s.ClientId, s.DeskId)).ToList());

    public User User(string email) => _users.Values.Single(u => u.Email == email);

    /// <summary>The ids of the service requests the person may see.</summary>
    public IReadOnlySet<long> ServiceRequestsSeenBy(string email) =>
        RequestsSeen(User(email)).Select(s => s.Id).ToHashSet();

    private List<(long Id, long? User, long Client, long Desk)> RequestsSeen(User me)
    {
        bool admin = me.RoleId == RoleLevel.Admin, head = me.RoleId == RoleLevel.Head;
        bool InTeam(long? user) => head && user is { } id && _users[id].TeamId == me.TeamId;
        var rmOf = _clients.ToDictionary(c => c.Id, c => c.Rm);
        // A desk's head sees all its requests, its executives the unassigned ones; the client's RM and RM head theirs.
        return _requests.Where(s => admin || s.User == me.Id || InTeam(s.User)
            || s.Desk == me.TeamId && (head || s.User is null)
            || rmOf[s.Client] == me.Id || InTeam(rmOf[s.Client])).ToList();
    }

    /// <summary>How many rows of each table the person may see.</summary>
    public Dictionary<string, int> Visible(string email)
    {
        var me = User(email);
        bool admin = me.RoleId == RoleLevel.Admin, head = me.RoleId == RoleLevel.Head;
        long? Team(long? user) => user is { } id ? _users[id].TeamId : null;
        bool InTeam(long? user) => head && user is not null && Team(user) == me.TeamId;
        var rmOf = _clients.ToDictionary(c => c.Id, c => c.Rm);

        var queries = _queries.Where(q => admin || q.Rm == me.Id || InTeam(q.Rm) || InTeam(rmOf[q.Client])).ToList();
        var requests = RequestsSeen(me);
        return new()
        {
            ["clients"] = _clients.Count(c => admin || c.Rm == me.Id || InTeam(c.Rm)
                || requests.Any(s => s.Client == c.Id) || queries.Any(q => q.Client == c.Id)),
            ["leads"] = _leads.Count(l => admin || l.By == me.Id || l.Conv == me.Id || InTeam(l.By) || InTeam(l.Conv)),
            ["interactions"] = _interactions.Count(i => admin || i.User == me.Id || rmOf[i.Client] == me.Id || InTeam(i.User) || InTeam(rmOf[i.Client])),
            ["queries"] = queries.Count,
            ["service_requests"] = requests.Count,
        };
    }
}
