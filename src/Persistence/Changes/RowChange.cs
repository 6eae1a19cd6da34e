namespace JlnbCrm.Changes;

/// <summary>The tables whose changes subscribers can follow.</summary>
public enum ChangedTable { ServiceRequests, ClientQueries, Leads }

/// <summary>What happened to the row.</summary>
public enum ChangeAction { Created, Updated }

/// <summary>
/// A committed change, named only by table and id: what the row holds, and whether a subscriber may see it, is read
/// again by each subscriber through their own row-secured context, so a notification never carries data.
/// </summary>
public sealed record RowChange(ChangedTable Table, long Id, ChangeAction Action)
{
    /// <summary>The PostgreSQL NOTIFY payload: <c>ServiceRequests:42:Updated</c>.</summary>
    public string ToPayload() => $"{Table}:{Id}:{Action}";

    public static RowChange? Parse(string payload) => payload.Split(':') is [var table, var id, var action]
        && Enum.TryParse<ChangedTable>(table, out var t) && long.TryParse(id, out var i) && Enum.TryParse<ChangeAction>(action, out var a)
            ? new RowChange(t, i, a) : null;
}
