using System.Reflection;
using JlnbCrm.Domain;
using JlnbCrm.Paging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JlnbCrm.AdminPages.Listing;

/// <summary>
/// A list screen takes its page position (<c>?after=</c>/<c>?before=</c> cursors) and its search text from the
/// address, so anyone can hand it a forged cursor, a control character or an impossible number of days. The domain
/// refuses them (<see cref="Cursor.InvalidCursor"/>, <see cref="ErrorCodes.Invalid"/> from <see cref="SearchText"/> or
/// naming the refused input, as <see cref="MinimumAge"/> does); this filter,
/// registered once for every page, turns such a refusal on a GET into the list itself, from its first page and
/// without the refused text, with the reason shown (<see cref="ViewDataKey"/>, rendered by the layout) and status 400.
/// A refusal of anything else, or one no list input explains, is left alone.
/// </summary>
public sealed class ListInputRefusals : IAsyncPageFilter
{
    /// <summary>The reasons shown above the list (strings in ViewData).</summary>
    public const string ViewDataKey = "ListRefusals";

    // The shared pager's query keys (PagerModel): the page position, dropped to start again from the first page.
    private static readonly string[] PositionInputs = ["After", "Before"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context,
        PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not RuleViolationException refusal || executed.ExceptionHandled
            || !HttpMethods.IsGet(context.HttpContext.Request.Method) || context.HttpContext.Response.HasStarted
            || context.HandlerInstance is not PageModel page
            || DropRefusedInputs(page, refusal) is not { Count: > 0 } reasons)
            return;
        executed.ExceptionHandled = true;
        page.ViewData[ViewDataKey] = reasons;
        var result = await ShowListAsync(context, page);
        if (result is PageResult shown) shown.StatusCode = StatusCodes.Status400BadRequest;
        executed.Result = result;
    }

    /// <summary>
    /// Clears the inputs that explain the refusal and returns the reasons, or nothing when a refusal is not about
    /// them. Search text is found by asking <see cref="SearchText"/> again, so the rule stays in the domain.
    /// </summary>
    private static List<string> DropRefusedInputs(PageModel page, RuleViolationException refusal)
    {
        var inputs = page.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is { SupportsGet: true } && p.CanWrite).ToList();
        var reasons = new List<string>();
        foreach (var error in refusal.Errors)
        {
            var refused = error.Code switch
            {
                Cursor.InvalidCursor => inputs.Where(p => PositionInputs.Contains(p.Name)).ToList(),
                ErrorCodes.Invalid => inputs.Where(p => IsNamedBy(p, error.Field)
                    || p.PropertyType == typeof(string) && IsRefusedSearch(p.GetValue(page))).ToList(),
                _ => [],
            };
            if (refused.Count == 0) return [];
            foreach (var input in refused)
            {
                input.SetValue(page, null);
                page.ModelState.AddModelError(input.Name, error.Message);
            }
            reasons.Add(error.Message);
        }
        // Wherever the list was, it starts again from the first page.
        foreach (var position in inputs.Where(p => PositionInputs.Contains(p.Name))) position.SetValue(page, null);
        return reasons;
    }

    /// <summary>A refusal naming its field (<see cref="MinimumAge"/>'s "age") points at the input of that name.</summary>
    private static bool IsNamedBy(PropertyInfo input, string? field) =>
        field is not null && string.Equals(input.Name, field, StringComparison.OrdinalIgnoreCase);

    private static bool IsRefusedSearch(object? value)
    {
        try { SearchText.Require(value as string, "search"); return false; }
        catch (RuleViolationException) { return true; }
    }

    /// <summary>
    /// Runs the page's plain GET handler again (the list, not an export of it), now without the refused inputs.
    /// A second refusal is not caught: it would be a fault of the page, not of the address.
    /// </summary>
    private static async Task<IActionResult> ShowListAsync(PageHandlerExecutingContext context, PageModel page)
    {
        var handler = context.ActionDescriptor.HandlerMethods.SingleOrDefault(h => string.IsNullOrEmpty(h.Name)
            && string.Equals(h.HttpMethod, HttpMethods.Get, StringComparison.OrdinalIgnoreCase));
        if (handler is null) return new PageResult();
        var arguments = handler.MethodInfo.GetParameters().Select(p => p.ParameterType == typeof(CancellationToken)
            ? context.HttpContext.RequestAborted
            : context.HandlerArguments.TryGetValue(p.Name!, out var value) ? value : null).ToArray();
        var returned = handler.MethodInfo.Invoke(page, arguments);
        if (returned is Task task)
        {
            await task;
            returned = handler.MethodInfo.ReturnType.IsGenericType
                ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
        }
        return returned as IActionResult ?? new PageResult();
    }
}
