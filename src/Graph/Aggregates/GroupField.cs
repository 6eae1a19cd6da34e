using System.Linq.Expressions;
using JlnbCrm.Access;
using JlnbCrm.Aggregates;
using JlnbCrm.Database;
using JlnbCrm.Domain;
using JlnbCrm.Graph.Filtering;

namespace JlnbCrm.Graph.Aggregates;

/// <summary>What a group key is computed with: the request's context, who asks, the period, where it was asked.</summary>
public sealed record GroupScope(CrmDbContext Db, ICurrentActor Actor, PeriodUnit? Period, string Path);

/// <summary>
/// One field an aggregate may group by: a column of the entity (a date column bucketed by the asked period), or a
/// computed value such as a request's SLA state. <see cref="Reference"/> names the related object the key is the id
/// of (productId → product), shown beside the id in the group's key.
/// </summary>
public sealed record GroupField(string Name, Type KeyType, bool NeedsPeriod, Func<GroupScope, LambdaExpression> Key,
    string Description, GroupReference? Reference = null)
{
    /// <summary>The enum value naming the field in <c>groupBy</c>: productId → PRODUCT_ID.</summary>
    public string EnumName =>
        string.Concat(Name.Select((c, i) => char.IsUpper(c) && i > 0 ? $"_{c}" : $"{char.ToUpperInvariant(c)}"));

    /// <summary>A column of the entity as a group key; a protected field only for whoever reads it in clear everywhere.</summary>
    public static GroupField Column(Type entity, FilterField field, GroupReference? reference)
    {
        var isInstant = field.ClrType == typeof(DateTime);
        var keyType = isInstant ? typeof(DateOnly) : field.ClrType;
        var description = isInstant
            ? $"The India date the period holding {field.Name} begins on (the day, its week's Monday, or the 1st)."
            : $"The group's {field.Name}.";
        return new GroupField(field.Name, keyType, isInstant, scope =>
        {
            RequireReadableInClear(field, scope);
            var row = Expression.Parameter(entity, "row");
            Expression value = Expression.Property(row, field.Member);
            if (isInstant) value = IndianPeriods.Of(value, scope.Period!.Value);
            else if (value.Type.IsValueType && Nullable.GetUnderlyingType(value.Type) is null)
                value = Expression.Convert(value, typeof(Nullable<>).MakeGenericType(value.Type)); // every key may be null
            return Expression.Lambda(value, row);
        }, description, reference);
    }

    /// <summary>
    /// Grouping shows each distinct value with its count, so a field counts as read: an admin-only field is refused to
    /// others, and a masked field to anyone who sees it masked on some row (the groups would be masked values, or
    /// would reveal the clear ones).
    /// </summary>
    private static void RequireReadableInClear(FilterField field, GroupScope scope)
    {
        var allowed = field.Rule switch
        {
            CallerFieldRule rule => rule.Allows(scope.Actor),
            MaskedFieldRule rule => rule.SeesEveryRowInClear(scope.Actor),
            _ => true,
        };
        if (!allowed)
            throw new GraphQL.ExecutionError($"You may not group by {scope.Path}.{field.Name}: it is not shown to you in clear.")
                { Code = AccessRules.NotAuthorized };
    }
}

/// <summary>The related object a key is the id of: its field name on the group key and its entity.</summary>
public sealed record GroupReference(string Name, Type Entity);
