using System.Text;
using GraphQL;

namespace JlnbCrm.Graph.Nodes;

/// <summary>
/// Relay global ids: base64("Client:42"). Inputs accept a global id of the expected type or the plain
/// database id, so front ends can use whichever they hold.
/// </summary>
public static class NodeId
{
    public static string Encode(string type, long id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{id}"));

    public static (string Type, long Id)? TryDecode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            var colon = text.IndexOf(':');
            return colon > 0 && long.TryParse(text[(colon + 1)..], out var id) ? (text[..colon], id) : null;
        }
        catch (FormatException) { return null; }
    }

    /// <summary>The database id from an input: "42" or a global id of <paramref name="type"/>.</summary>
    public static long Parse(object? value, string type, string field)
    {
        var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        if (long.TryParse(text, out var plain)) return plain;
        return TryDecode(text) is { } node && node.Type == type ? node.Id
            : throw new ExecutionError($"'{text}' is not the id of a {type}.") { Code = "INVALID_ID", Data = { ["field"] = field } };
    }
}
