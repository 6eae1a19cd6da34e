using System.Collections.Concurrent;
using JlnbCrm.Bench.Loading;
using JlnbCrm.Leads;
using JlnbCrm.Products;
using Npgsql;

namespace JlnbCrm.Bench.Workload;

/// <summary>Who an operation is for: the RM side (clients, references) or an operations desk (its request queue).</summary>
public enum Audience { RelationshipManagers, Desk }

/// <summary>Where a deep list's walk ended for one engine: the cursor before that page, and the row just before it.</summary>
public sealed record DeepPoint(string? Cursor, int Page, System.Text.Json.Nodes.JsonNode? Last);

/// <summary>
/// Who runs the workload (an RM Head and a Junior RM of one team; the head and an executive of one operations desk)
/// and the inputs picked for them beforehand from rows they may see, so every timed request asks for something real.
/// </summary>
public sealed class Persona
{
    public required string Label { get; init; }
    public required Audience Audience { get; init; }
    public required Staff.Person Person { get; init; }
    public required long[] Rms { get; init; }
    public required long[] ClientIds { get; init; }
    public required string[] PanPrefixes { get; init; }
    public required string[] NameFragments { get; init; }
    public required ConcurrentQueue<long> OpenLeads { get; init; }

    /// <summary>The (product category, reference status) pairs the reference list is filtered by, in turn.</summary>
    public required (ProductCategory Category, LeadStatus Status)[] LeadFilters { get; init; }

    /// <summary>Deep lists walked before the run, by "list/engine" (e.g. "desk-queue/PostGraphile-RLS").</summary>
    public Dictionary<string, DeepPoint> Deep { get; } = [];

    public Session Session { get; set; } = null!;

    public long DeskId => Person.Team ?? throw new InvalidOperationException($"{Label} belongs to no desk.");

    /// <param name="leadShare">Which half of the open references this persona converts (0 or 1), so two personas never race for one.</param>
    public static async Task<Persona> PrepareAsync(string label, Audience audience, Staff.Person person, Staff staff, NpgsqlDataSource owner,
        int leadShare)
    {
        var rms = audience == Audience.Desk ? []
            : person.Role == Users.RoleLevel.Head ? staff.Juniors.Where(j => j.Team == person.Team).Select(j => j.Id).ToArray()
            : [person.Id];
        await using var connection = await owner.OpenConnectionAsync();
        var clients = await ListAsync<long>(connection, "SELECT id FROM clients WHERE assigned_rm_id = ANY($1) ORDER BY random() LIMIT 500", rms);
        var pans = await ListAsync<string>(connection, "SELECT left(pan, 6) FROM clients WHERE assigned_rm_id = ANY($1) ORDER BY random() LIMIT 200", rms);
        // References this persona may convert: the new client's RM is one they act for (docs/access.md).
        var leads = await ListAsync<long>(connection,
            "SELECT id FROM leads WHERE coalesce(conversion_rm_id, ref_obtained_by_id) = ANY($1) AND status IN ('New', 'WIP') AND id % 2 = $2 ORDER BY id", rms, leadShare);
        return new Persona
        {
            Label = label, Audience = audience, Person = person, Rms = rms, ClientIds = clients.ToArray(), PanPrefixes = pans.ToArray(),
            NameFragments = Names.Last.Select(n => n[..Math.Min(5, n.Length)].ToLowerInvariant()).ToArray(),
            OpenLeads = new ConcurrentQueue<long>(leads),
            LeadFilters = (from category in Enum.GetValues<ProductCategory>()
                           from status in new[] { LeadStatus.New, LeadStatus.Wip }
                           select (category, status)).ToArray(),
        };
    }

    private static async Task<List<T>> ListAsync<T>(NpgsqlConnection connection, string sql, long[] rms, int? share = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = rms });
        if (share is not null) command.Parameters.Add(new NpgsqlParameter { Value = share.Value });
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<T>();
        while (await reader.ReadAsync()) list.Add(reader.GetFieldValue<T>(0));
        return list;
    }
}
