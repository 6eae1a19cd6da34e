using JlnbCrm.Domain;

namespace JlnbCrm.ServiceLevels;

/// <summary>A day the firm is closed: it does not count towards any service-level clock. One entry per date.</summary>
public sealed class Holiday : Entity
{
    private Holiday() { }

    public Holiday(DateOnly date, string name)
    {
        Date = date;
        Name = Guard.Required(name, "name", 120);
    }

    public DateOnly Date { get; private set; }
    public string Name { get; private set; } = "";
}
