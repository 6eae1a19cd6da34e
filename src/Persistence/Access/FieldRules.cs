using JlnbCrm.Clients;
using JlnbCrm.Users;

namespace JlnbCrm.Access;

/// <summary>Every protected field, each declared beside its entity; the API, the pages and the docs test read this list.</summary>
public static class FieldRules
{
    public static IReadOnlyList<FieldRule> All { get; } = [.. Client.Protected.All, User.Protected.IsActive];

    public static FieldRule? For(Type entity, string member) =>
        All.FirstOrDefault(r => r.Entity == entity && r.Member == member);
}
