using JlnbCrm.Domain;

namespace JlnbCrm.Users;

public sealed class Team : Entity
{
    private Team() { }

    public Team(string name) => Rename(name);

    public string Name { get; private set; } = "";

    public void Rename(string name) => Name = Guard.Required(name, "name", 100);
}
