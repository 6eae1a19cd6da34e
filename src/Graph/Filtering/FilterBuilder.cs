using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using GraphQL;
using JlnbCrm.Access;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Paging;
using Microsoft.EntityFrameworkCore;

namespace JlnbCrm.Graph.Filtering;

/// <summary>
/// Turns a <c>where</c> argument (HotChocolate's operations: eq, neq, in, nin; gt, ngt, gte, ngte, lt, nlt, lte, nlte;
/// contains, ncontains, startsWith, nstartsWith, endsWith, nendsWith; and/or/not; nested references; some/none/all/any
/// over to-many relations) into an expression EF Core translates to SQL. A negated operation (neq, nin, ngt…,
/// ncontains…) is the complement of its positive one, so it also matches rows where the field has no value.
/// Protected fields (<see cref="FieldRules"/>) are filtered as the caller sees them: a masked field on the masked
/// value, so no filter matches on a hidden character; an admin-only field is refused for anyone else.
/// </summary>
public sealed class FilterBuilder(FilterModel model)
{
    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like),
        [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;
    private static readonly MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(nameof(NpgsqlDbFunctionsExtensions.ILike),
        [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    /// <param name="path">Where the argument sits, e.g. <c>users.where</c>: refusals name the field by it.</param>
    public IQueryable<T> Apply<T>(IQueryable<T> source, IDictionary<string, object?>? where, CrmDbContext db,
        ICurrentActor actor, string path)
    {
        if (where is null || where.Count == 0) return source;
        var row = Expression.Parameter(typeof(T), "row");
        var body = Predicate(typeof(T), where, row, new Scope(db, actor), path);
        return source.Where(Expression.Lambda<Func<T, bool>>(body, row));
    }

    /// <summary>
    /// What every clause of one argument shares: the context (to-many relations without a navigation are
    /// subqueries over its sets, so its row filters apply to them) and who is asking.
    /// </summary>
    private sealed record Scope(CrmDbContext Db, ICurrentActor Actor)
    {
        public SqlDialect Dialect => Db.Dialect;
    }

    private Expression Predicate(Type entity, IDictionary<string, object?> where, Expression target, Scope scope, string path)
    {
        var dialect = scope.Dialect;
        var fields = model.FieldsOf(entity);
        var parts = new List<Expression>();
        foreach (var (key, value) in where)
        {
            switch (key)
            {
                case "and":
                    parts.Add(Combine(Clauses(value).Select(c => Predicate(entity, c, target, scope, path)), Expression.AndAlso, true));
                    break;
                case "or":
                    parts.Add(Combine(Clauses(value).Select(c => Predicate(entity, c, target, scope, path)), Expression.OrElse, false));
                    break;
                case "not":
                    if (value is IDictionary<string, object?> negated)
                        parts.Add(Expression.Not(Predicate(entity, negated, target, scope, path)));
                    break;
                default:
                    if (value is null) continue;
                    var field = fields.TryGetValue(key, out var f) ? f
                        : throw new ExecutionError($"Unknown filter field '{key}' on {entity.Name}.") { Code = "INVALID_FILTER" };
                    parts.Add(FieldPredicate(field, Member(field, target, scope.Actor, $"{path}.{key}"),
                        (IDictionary<string, object?>)value, scope, $"{path}.{key}"));
                    break;
            }
        }
        return Combine(parts, Expression.AndAlso, true);
    }

    /// <summary>The value a filter compares: the column, or for a protected field the column as the caller sees it.</summary>
    internal static Expression Member(FilterField field, Expression target, ICurrentActor actor, string path) => field.Rule switch
    {
        CallerFieldRule rule when !rule.Allows(actor) => throw Refused(path),
        MaskedFieldRule rule => rule.AsSeenBy(actor, target),
        _ => Expression.Property(target, field.Member),
    };

    /// <summary>A filter or sort on a field the caller may not read would answer what the field refuses.</summary>
    internal static ExecutionError Refused(string path) =>
        new($"Only an administrator may filter or sort by {path}.") { Code = AccessRules.NotAuthorized };

    private Expression FieldPredicate(FilterField field, Expression member, IDictionary<string, object?> ops, Scope scope,
        string path) => field.Kind switch
    {
        FilterFieldKind.Reference => Predicate(field.ClrType, ops, member, scope, path),
        FilterFieldKind.Collection => CollectionPredicate(field, member, ops, scope, path),
        _ => Combine(ops.Select(op => Operation(field, member, op.Key, op.Value, scope.Dialect)), Expression.AndAlso, true),
    };

    private Expression CollectionPredicate(FilterField field, Expression member, IDictionary<string, object?> ops,
        Scope scope, string path)
    {
        var items = Items(field, member, scope);
        var parts = new List<Expression>();
        foreach (var (op, value) in ops)
        {
            if (value is null) continue;
            if (op == "any")
            {
                var hasAny = Call(items, nameof(Queryable.Any), field.ClrType);
                parts.Add(value is true ? hasAny : Expression.Not(hasAny));
                continue;
            }
            var item = Expression.Parameter(field.ClrType, "item");
            var lambda = Expression.Lambda(Predicate(field.ClrType, (IDictionary<string, object?>)value, item, scope,
                $"{path}.{op}"), item);
            var any = Call(items, nameof(Queryable.Any), field.ClrType, lambda);
            parts.Add(op switch
            {
                "some" => any,
                "none" => Expression.Not(any),
                "all" => Call(items, nameof(Queryable.All), field.ClrType, lambda),
                _ => throw new ExecutionError($"Unknown list operation '{op}'.") { Code = "INVALID_FILTER" },
            });
        }
        return Combine(parts, Expression.AndAlso, true);
    }

    /// <summary>
    /// The items of a to-many relation: its navigation, or for a relation read from a child's foreign key the child
    /// rows holding the parent's key (a correlated subquery over the context's set, so the row filters apply).
    /// </summary>
    private static Expression Items(FilterField field, Expression member, Scope scope)
    {
        if (field.InverseKey is null) return member;
        var set = Expression.Call(Expression.Constant(scope.Db), SetMethod.MakeGenericMethod(field.ClrType));
        var child = Expression.Parameter(field.ClrType, "child");
        var key = Expression.Property(child, field.InverseKey);
        var parentKey = key.Type == member.Type ? member : Expression.Convert(member, key.Type);
        var belongs = Expression.Lambda(Expression.Equal(key, parentKey), child);
        return Expression.Call(typeof(Queryable), nameof(Queryable.Where), [field.ClrType], set, Expression.Quote(belongs));
    }

    private static readonly MethodInfo SetMethod = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;

    /// <summary>Any/All over a navigation (Enumerable) or a subquery (Queryable, with the predicate quoted).</summary>
    private static Expression Call(Expression items, string method, Type item, LambdaExpression? predicate = null)
    {
        var queryable = typeof(IQueryable).IsAssignableFrom(items.Type);
        var host = queryable ? typeof(Queryable) : typeof(Enumerable);
        if (predicate is null) return Expression.Call(host, method, [item], items);
        return Expression.Call(host, method, [item], items, queryable ? Expression.Quote(predicate) : predicate);
    }

    private static Expression Operation(FilterField field, Expression member, string op, object? value, SqlDialect dialect)
    {
        var type = member.Type;
        RequireSearchableText(field, op, value);
        Expression Value(object? v) => QueryValue.Parameter(QueryValue.Coerce(v, type), type);
        var negated = Negations.TryGetValue(op, out var positive);
        if (!negated) positive = op;
        Expression result = positive switch
        {
            "eq" => Expression.Equal(member, Value(value)),
            "neq" => Expression.NotEqual(member, Value(value)),
            "in" => In(member, value),
            "nin" => Expression.Not(In(member, value)),
            "gt" => QueryValue.Compare(member, Value(value), ExpressionType.GreaterThan),
            "gte" => QueryValue.Compare(member, Value(value), ExpressionType.GreaterThanOrEqual),
            "lt" => QueryValue.Compare(member, Value(value), ExpressionType.LessThan),
            "lte" => QueryValue.Compare(member, Value(value), ExpressionType.LessThanOrEqual),
            "contains" => Match(member, $"%{Escape(value)}%", dialect),
            "startsWith" => Match(member, $"{Escape(value)}%", dialect),
            "endsWith" => Match(member, $"%{Escape(value)}", dialect),
            _ => throw new ExecutionError($"Operation '{op}' does not apply to {field.Name}.") { Code = "INVALID_FILTER" },
        };
        return negated ? Complement(member, result) : result;
    }

    /// <summary>HotChocolate's "not" operations, each the complement of the one it names.</summary>
    private static readonly Dictionary<string, string> Negations = new()
    {
        ["ngt"] = "gt", ["ngte"] = "gte", ["nlt"] = "lt", ["nlte"] = "lte",
        ["ncontains"] = "contains", ["nstartsWith"] = "startsWith", ["nendsWith"] = "endsWith",
    };

    /// <summary>
    /// The rows the positive operation does not match, including those without a value (SQL would drop them:
    /// NOT (NULL LIKE …) is not true), as <c>neq</c> and <c>nin</c> do.
    /// </summary>
    private static Expression Complement(Expression member, Expression positive) =>
        member.Type.IsValueType && Nullable.GetUnderlyingType(member.Type) is null
            ? Expression.Not(positive)
            : Expression.OrElse(Expression.Equal(member, Expression.Constant(null, member.Type)), Expression.Not(positive));

    /// <summary>Every string a filter compares with passes the domain's search-text rule (no control characters).</summary>
    private static void RequireSearchableText(FilterField field, string op, object? value)
    {
        foreach (var text in value is string one ? [one] : (value as IEnumerable)?.OfType<string>() ?? [])
            SearchText.Require(text, $"where.{field.Name}.{op}");
    }

    private static Expression In(Expression member, object? value)
    {
        var listType = typeof(List<>).MakeGenericType(member.Type);
        var list = (IList)Activator.CreateInstance(listType)!;
        foreach (var item in (IEnumerable?)value ?? Array.Empty<object>()) list.Add(QueryValue.Coerce(item, member.Type));
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [member.Type], QueryValue.Parameter(list, listType), member);
    }

    /// <summary>Case-insensitive pattern match: ILIKE on PostgreSQL (served by trigram indexes), LIKE on SQLite.</summary>
    private static Expression Match(Expression member, string pattern, SqlDialect dialect) =>
        Expression.Call(dialect.IsPostgres ? ILike : Like, Expression.Constant(EF.Functions), member,
            QueryValue.Parameter(pattern, typeof(string)), Expression.Constant("\\"));

    private static string Escape(object? value) =>
        (value as string ?? "").Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static IEnumerable<IDictionary<string, object?>> Clauses(object? value) =>
        ((IEnumerable?)value ?? Array.Empty<object>()).OfType<IDictionary<string, object?>>();

    private static Expression Combine(IEnumerable<Expression> parts, Func<Expression, Expression, BinaryExpression> join, bool empty) =>
        parts.Aggregate<Expression, Expression?>(null, (acc, next) => acc is null ? next : join(acc, next)) ?? Expression.Constant(empty);
}
