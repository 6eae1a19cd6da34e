using GraphQL;
using GraphQL.Builders;
using JlnbCrm.Paging;

namespace JlnbCrm.Graph.Paging;

/// <summary>
/// The page-size rule of every list the API serves, root connections and nested lists alike: one size at most
/// <see cref="Max"/>, never negative, never both first and last — refused with the same codes everywhere.
/// </summary>
public static class PageSize
{
    public const int Default = PageRequest.DefaultSize;
    public const int Max = PageRequest.MaxSize;
    public const string InvalidPage = "INVALID_PAGE";
    public const string Exceeded = "PAGE_SIZE_EXCEEDED";

    /// <summary>The size asked for by <paramref name="first"/> or <paramref name="last"/>, or the default.</summary>
    public static int Of(int? first, int? last, int defaultSize)
    {
        if (first is not null && last is not null)
            throw new ExecutionError("Give either first or last, not both.") { Code = InvalidPage };
        var requested = first ?? last;
        var argument = first is not null ? "first" : "last";
        if (requested is < 0)
            throw new ExecutionError($"first and last cannot be negative; {argument} was {requested}.") { Code = InvalidPage };
        if (requested > Max)
            throw new ExecutionError($"Pages hold at most {Max} rows; {argument} was {requested}.") { Code = Exceeded };
        return requested ?? defaultSize;
    }

    /// <summary>
    /// Declares <c>first</c> on a nested list (a client's interactions, a team's members…). Lists that used to be
    /// complete default to <see cref="Max"/>, so their callers keep every row up to the ceiling.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> FirstArgument<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field,
        int defaultSize = Max) =>
        field.Argument<GraphQL.Types.IntGraphType>("first",
            $"How many rows, at most {Max} (default {defaultSize}).", arg => arg.DefaultValue = defaultSize);

    /// <summary>The size a nested list's <c>first</c> asks for, checked by the same rule as root connections.</summary>
    public static int First(this IResolveFieldContext context, int defaultSize = Max) =>
        Of(context.GetArgument<int?>("first"), last: null, defaultSize);
}
