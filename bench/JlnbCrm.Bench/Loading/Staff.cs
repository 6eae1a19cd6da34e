using JlnbCrm.Users;

namespace JlnbCrm.Bench.Loading;

/// <summary>The firm's people: ten admins, one head per team, and juniors spread evenly over the teams.</summary>
public sealed record Staff(Staff.Person[] Users, Staff.Person[] Juniors, Staff.Person[] Heads)
{
    public sealed record Person(long Id, string Name, string Email, RoleLevel Role, long? Team);

    public const string Password = "Bench@2026";

    /// <summary>Hashed once: PBKDF2 per user would cost minutes and measure nothing.</summary>
    public static readonly string PasswordHash = Passwords.Hash(Password);

    public static Staff Plan(DataSet set)
    {
        var users = new List<Person>();
        for (var i = 0; i < set.Admins; i++) users.Add(new(users.Count + 1, $"Admin {i + 1}", $"admin{i + 1}@bench.jlnb.in", RoleLevel.Admin, null));
        for (var t = 1; t <= set.Teams; t++) users.Add(new(users.Count + 1, $"Head {t}", $"head{t}@bench.jlnb.in", RoleLevel.Head, t));
        for (var j = 0; users.Count < set.Users; j++)
            users.Add(new(users.Count + 1, $"{Names.First[j % Names.First.Length]} {Names.Last[j / Names.First.Length % Names.Last.Length]} {j}",
                $"rm{j + 1}@bench.jlnb.in", RoleLevel.Executive, j % set.Teams + 1));
        var all = users.ToArray();
        return new(all, all.Where(u => u.Role == RoleLevel.Executive).ToArray(), all.Where(u => u.Role == RoleLevel.Head).ToArray());
    }

    public Person TeamMate(Person junior, Random random)
    {
        var mates = Juniors.Where(j => j.Team == junior.Team).ToArray();
        return mates[random.Next(mates.Length)];
    }
}
