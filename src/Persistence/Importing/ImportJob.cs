using JlnbCrm.Database;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Importing;

/// <summary>
/// A file import: every row is built through the domain (so it meets the same rules as the form) and
/// checked before anything is written; apply writes all rows in one transaction, or none if any row fails.
/// </summary>
public abstract class ImportJob<TRow, TEntity>(CrmDbContext db) where TEntity : class
{
    protected CrmDbContext Db { get; } = db;

    public async Task<ImportCheck> CheckAsync(IReadOnlyList<TRow> rows, CancellationToken ct = default) =>
        new((await BuildAsync(rows, ct)).Select(r => r.Row).ToList());

    public async Task<int> ApplyAsync(IReadOnlyList<TRow> rows, CancellationToken ct = default)
    {
        var built = await BuildAsync(rows, ct);
        var check = new ImportCheck(built.Select(b => b.Row).ToList());
        if (!check.Ok) throw check.Refusal();
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        Db.Set<TEntity>().AddRange(built.Select(b => b.Entity!));
        await Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return built.Count;
    }

    /// <summary>Who imports: the person a row stands for when it names nobody.</summary>
    protected async Task<Users.User?> ImporterAsync(CancellationToken ct) =>
        Db.Actor.UserId is { } id ? await Db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) : null;

    /// <summary>Each row's check and, when it passed, the entity it becomes.</summary>
    protected abstract Task<List<(ImportRow Row, TEntity? Entity)>> BuildAsync(IReadOnlyList<TRow> rows, CancellationToken ct);
}
