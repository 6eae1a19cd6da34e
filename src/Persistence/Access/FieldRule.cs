using System.Linq.Expressions;
using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore.Query;

namespace JlnbCrm.Access;

/// <summary>
/// A field not everyone may read in clear, declared once beside its entity (<c>Client.Protected</c>,
/// <c>User.Protected</c>) and listed in <see cref="FieldRules"/>. Every path that reads, filters, sorts, pages,
/// searches or exports the field asks this declaration, so no path can reveal what the output field hides.
/// </summary>
public abstract class FieldRule(Type entity, string member, string whoSeesClear, string othersSee)
{
    public Type Entity { get; } = entity;
    /// <summary>The entity property (EF member) this rule guards.</summary>
    public string Member { get; } = member;
    /// <summary>The API name of the field (camelCase of the member).</summary>
    public string Name => char.ToLowerInvariant(Member[0]) + Member[1..];
    /// <summary>For docs/access.md: who reads the field in clear.</summary>
    public string WhoSeesClear { get; } = whoSeesClear;
    /// <summary>For docs/access.md: what everyone else gets.</summary>
    public string OthersSee { get; } = othersSee;
}

/// <summary>
/// A field decided per caller, whatever the row: a caller who may not read it may not filter or sort by it
/// either (else a filter answers what the field refuses). Refused with <see cref="AccessRules.NotAuthorized"/>.
/// </summary>
public sealed class CallerFieldRule(Type entity, string member, Func<ICurrentActor, bool> allows, string whoSeesClear)
    : FieldRule(entity, member, whoSeesClear, "refused (AUTH_NOT_AUTHORIZED)")
{
    public bool Allows(ICurrentActor actor) => allows(actor);
}

/// <summary>
/// A text field decided per row: some callers see it in clear on some rows and masked on others. The value
/// "as this caller sees it" is an expression EF Core translates, so filters, sort order and keyset cursors work
/// on exactly what the caller sees and can never match on, order by or carry a hidden character.
/// </summary>
public abstract class MaskedFieldRule(Type entity, string member, string whoSeesClear, string othersSee)
    : FieldRule(entity, member, whoSeesClear, othersSee)
{
    /// <summary><c>row => seesInFull(row) ? row.Field : mask(row.Field)</c>, for this caller, as EF-translatable SQL.</summary>
    public abstract LambdaExpression AsSeenBy(ICurrentActor actor);

    /// <summary>The masked form of a clear value (the same mask the SQL applies).</summary>
    public abstract string? Mask(string? clear);

    /// <summary>Whether this caller sees the field in clear on every row (an admin), whatever rows they reach.</summary>
    public abstract bool SeesEveryRowInClear(ICurrentActor actor);

    /// <summary>The as-seen expression with its row parameter replaced by <paramref name="row"/>.</summary>
    public Expression AsSeenBy(ICurrentActor actor, Expression row)
    {
        var lambda = AsSeenBy(actor);
        return ReplacingExpressionVisitor.Replace(lambda.Parameters[0], row, lambda.Body);
    }
}

/// <summary>A per-row masked text field of <typeparamref name="T"/>.</summary>
public sealed class MaskedFieldRule<T>(
    string member,
    Expression<Func<T, string?>> clear,
    Func<ICurrentActor, Expression<Func<T, bool>>> seesInFull,
    Func<ICurrentActor, T, bool> seesInFullLoaded,
    Expression<Func<string, string>> mask,
    string whoSeesClear,
    string othersSee) : MaskedFieldRule(typeof(T), member, whoSeesClear, othersSee)
{
    private readonly Func<T, string?> _read = clear.Compile();
    private readonly Func<string, string> _mask = mask.Compile();

    /// <summary>Whether the caller sees this row in clear (navigations the rule needs must be loaded, else: masked).</summary>
    public bool SeesInFull(ICurrentActor actor, T row) => seesInFullLoaded(actor, row);

    /// <summary>The value as this caller sees it, for a row already read (pages, exports, forms).</summary>
    public string? Shown(ICurrentActor actor, T row) => Shown(_read(row), SeesInFull(actor, row));

    public string? Shown(string? clearValue, bool seesInFull) => seesInFull ? clearValue : Mask(clearValue);

    public override string? Mask(string? clearValue) => clearValue is null ? null : _mask(clearValue);

    public override LambdaExpression AsSeenBy(ICurrentActor actor) => AsSeen(actor);

    public override bool SeesEveryRowInClear(ICurrentActor actor) => seesInFull(actor).Body is ConstantExpression { Value: true };

    public Expression<Func<T, string?>> AsSeen(ICurrentActor actor)
    {
        var rule = seesInFull(actor);
        // Someone who sees every row in clear (an admin) filters and sorts the plain column, so indexes still serve.
        if (rule.Body is ConstantExpression { Value: true }) return clear;
        var row = clear.Parameters[0];
        var value = clear.Body;
        var sees = ReplacingExpressionVisitor.Replace(rule.Parameters[0], row, rule.Body);
        var masked = ReplacingExpressionVisitor.Replace(mask.Parameters[0], value, mask.Body);
        // Null stays null (a missing account id is not a secret); otherwise clear or masked, decided per row.
        Expression body = Expression.Condition(sees, value, masked);
        body = Expression.Condition(Expression.Equal(value, Expression.Constant(null, typeof(string))),
            Expression.Constant(null, typeof(string)), body);
        return Expression.Lambda<Func<T, string?>>(body, row);
    }
}
