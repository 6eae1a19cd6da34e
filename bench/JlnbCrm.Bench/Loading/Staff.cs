using JlnbCrm.Seeding;
using JlnbCrm.ServiceRequests;
using JlnbCrm.Users;

namespace JlnbCrm.Bench.Loading;

/// <summary>
/// The firm's people: ten admins, one head per RM team, juniors spread evenly over the RM teams, and then the
/// operations desks of the demo firm (<see cref="DemoDirectory"/>), each with a head and a few executives.
/// <see cref="Heads"/> and <see cref="Juniors"/> are the RM side only: clients, references and queries belong to them.
/// </summary>
public sealed record Staff(Staff.Person[] Users, Staff.Person[] Juniors, Staff.Person[] Heads, Staff.Desk[] Desks,
    IReadOnlyDictionary<ServiceRequestType, Staff.Desk> Routes)
{
    public sealed record Person(long Id, string Name, string Email, RoleLevel Role, long? Team);

    /// <summary>An operations team: its head and executives are the only people its requests may be assigned to.</summary>
    public sealed record Desk(long Id, string Name, bool IsDefault, Person[] Members);

    public const string Password = "Bench@2026";

    /// <summary>Hashed once: PBKDF2 per user would cost minutes and measure nothing.</summary>
    public static readonly string PasswordHash = Passwords.Hash(Password);

    /// <summary>Every team, RM teams (ids 1..<see cref="DataSet.Teams"/>) first, then the desks.</summary>
    public int TeamCount => Heads.Length + Desks.Length;

    public static Staff Plan(DataSet set)
    {
        var users = new List<Person>();
        for (var i = 0; i < set.Admins; i++) users.Add(new(users.Count + 1, $"Admin {i + 1}", $"admin{i + 1}@bench.jlnb.in", RoleLevel.Admin, null));
        for (var t = 1; t <= set.Teams; t++) users.Add(new(users.Count + 1, $"Head {t}", $"head{t}@bench.jlnb.in", RoleLevel.Head, t));
        for (var j = 0; users.Count < set.Users; j++)
            users.Add(new(users.Count + 1, $"{Names.First[j % Names.First.Length]} {Names.Last[j / Names.First.Length % Names.Last.Length]} {j}",
                $"rm{j + 1}@bench.jlnb.in", RoleLevel.Executive, j % set.Teams + 1));
        var rmSide = users.ToArray();
        var (desks, routes) = PlanDesks(set, users);
        return new(users.ToArray(), rmSide.Where(u => u.Role == RoleLevel.Executive).ToArray(),
            rmSide.Where(u => u.Role == RoleLevel.Head).ToArray(), desks, routes);
    }

    /// <summary>
    /// The demo firm's desks and routes, numbered after the RM teams: the names, the default desk and which desk each
    /// request type goes to come from <see cref="DemoDirectory"/>, so the bench firm routes requests as the demo does.
    /// </summary>
    private static (Desk[], Dictionary<ServiceRequestType, Desk>) PlanDesks(DataSet set, List<Person> users)
    {
        var byDemoIndex = new Dictionary<int, Desk>();
        for (var demo = 0; demo < DemoDirectory.Teams.Length; demo++)
        {
            var (name, kind) = DemoDirectory.Teams[demo];
            if (kind != TeamKind.Operations) continue;
            var id = set.Teams + byDemoIndex.Count + 1L;
            var members = new List<Person>();
            Person Add(string label, RoleLevel role)
            {
                var n = users.Count + 1;
                var person = new Person(n, $"{label} {n}", $"desk{id}.{members.Count + 1}@bench.jlnb.in", role, id);
                users.Add(person);
                return person;
            }
            members.Add(Add("Desk head", RoleLevel.Head));
            for (var e = 0; e < set.DeskExecutives; e++) members.Add(Add("Desk executive", RoleLevel.Executive));
            byDemoIndex[demo] = new Desk(id, name, demo == DemoDirectory.DefaultDesk, members.ToArray());
        }
        var routes = DemoDirectory.Routes.ToDictionary(r => r.Type, r => byDemoIndex[r.Desk]);
        return (byDemoIndex.Values.ToArray(), routes);
    }

    public Person TeamMate(Person junior, Random random)
    {
        var mates = Juniors.Where(j => j.Team == junior.Team).ToArray();
        return mates[random.Next(mates.Length)];
    }
}
