using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Database;

public static class EditingExtensions
{
    /// <summary>
    /// Loads a row to change it, as of the version the user saw: if someone saved it since, the save
    /// fails with CONFLICT instead of overwriting their change.
    /// </summary>
    public static async Task<T> LoadForEditAsync<T>(this IQueryable<T> rows, long id, long? seenVersion, string what,
        CancellationToken ct = default) where T : Entity
    {
        var entity = await rows.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw NotFound(what, id);
        if (seenVersion is { } version)
        {
            if (version != entity.Version)
                throw new RuleViolationException(ErrorCodes.Conflict,
                    $"This {what} changed since you opened it (version {version}, now {entity.Version}). Reload it to see the other change, then try again.", "version");
        }
        return entity;
    }

    /// <summary>Loads a row another row will point at, refusing ids that do not exist.</summary>
    public static async Task<T> RequireAsync<T>(this IQueryable<T> rows, long id, string what, string field,
        CancellationToken ct = default) where T : Entity =>
        await rows.FirstOrDefaultAsync(e => e.Id == id, ct)
        ?? throw new RuleViolationException(ErrorCodes.NotFound, $"No {what} has id {id}.", field);

    public static RuleViolationException NotFound(string what, long id) =>
        new(ErrorCodes.NotFound, $"No {what} has id {id}.", "id");
}
