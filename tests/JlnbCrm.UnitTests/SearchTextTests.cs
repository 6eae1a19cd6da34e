using JlnbCrm.Domain;

namespace JlnbCrm.UnitTests;

/// <summary>What a search box or string filter accepts: printable text, tabs and line breaks; nothing else.</summary>
public class SearchTextTests
{
    [Theory]
    [InlineData("Sharma")]
    [InlineData("ABCPS1234K")]
    [InlineData("first line\r\nsecond\tcolumn\n")]
    [InlineData("Ārav Śarmā — नमस्ते")]
    [InlineData("\U0001F600 a smile (a surrogate pair)")]
    [InlineData("")]
    public void Printable_text_tabs_and_line_breaks_are_searched_as_given(string text) =>
        Assert.Same(text, SearchText.Require(text, "search"));

    [Fact]
    public void No_text_is_no_search() => Assert.Null(SearchText.Require(null, "search"));

    [Theory]
    [InlineData("\0", 0x0000)]
    [InlineData("ab\0cd", 0x0000)]
    [InlineData("\u0007bell", 0x0007)]
    [InlineData("esc\u001B", 0x001B)]
    [InlineData("del\u007F", 0x007F)]
    [InlineData("next line\u0085", 0x0085)]
    [InlineData("vertical\vtab", 0x000B)]
    [InlineData("form\ffeed", 0x000C)]
    public void Control_characters_are_refused_naming_the_field_and_the_character(string text, int character)
    {
        var refusal = Assert.Throws<RuleViolationException>(() => SearchText.Require(text, "where.name.contains"));
        var error = Assert.Single(refusal.Errors);
        Assert.Equal((ErrorCodes.Invalid, "where.name.contains"), (error.Code, error.Field));
        Assert.Contains($"U+{character:X4}", error.Message);
    }

    // Built here, not in [InlineData]: the test runner's serialization of theory data turns lone surrogates into U+FFFD.
    [Fact]
    public void Unpaired_surrogates_are_refused()
    {
        const char high = '\uD83D', low = '\uDE00';
        foreach (var (text, character) in new[]
        {
            ($"lone high {high}", high), ($"{low} lone low", low), ($"reversed {low}{high} pair", low), ($"high then text {high}x", high),
        })
        {
            var refusal = Assert.Throws<RuleViolationException>(() => SearchText.Require(text, "search"));
            Assert.Equal((ErrorCodes.Invalid, "search"), (refusal.Errors[0].Code, refusal.Errors[0].Field));
            Assert.Contains($"U+{(int)character:X4}", refusal.Errors[0].Message);
        }
    }
}
