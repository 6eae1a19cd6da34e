using JlnbCrm.Domain;
using JlnbCrm.Seeding;

namespace JlnbCrm.UnitTests;

public class PanTests
{
    [Theory]
    [InlineData("ABCDE1234F", "ABCDE1234F")]
    [InlineData(" abcde1234f ", "ABCDE1234F")]
    public void Valid_pans_are_normalised(string raw, string expected) => Assert.Equal(expected, Pan.Parse(raw));

    [Theory]
    [InlineData("ABCDE1234")]
    [InlineData("ABCD11234F")]
    [InlineData("ABCDE12345")]
    [InlineData("ABCDE-1234F")]
    [InlineData("1BCDE1234F")]
    public void Malformed_pans_are_refused_with_the_field(string raw)
    {
        var refusal = Assert.Throws<RuleViolationException>(() => Pan.Parse(raw));
        Assert.Equal(new RuleError(ErrorCodes.InvalidPan,
            $"'{raw}' is not a valid PAN: expected five letters, four digits and a letter (e.g. ABCDE1234F).", "pan"), Assert.Single(refusal.Errors));
    }

    [Fact]
    public void A_missing_pan_is_required_not_invalid() =>
        Assert.Equal(ErrorCodes.Required, Assert.Throws<RuleViolationException>(() => Pan.Parse("  ")).Errors[0].Code);

    [Fact]
    public void Masking_keeps_the_first_five_and_the_last_character() =>
        Assert.Equal("ABCDE****F", JlnbCrm.Clients.Client.Protected.Pan.Mask("ABCDE1234F"));

    [Fact]
    public void Demo_pans_are_valid_and_unique_at_a_million_clients()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 1_000_000; i++)
        {
            var pan = DemoSeeder.DemoPan(i, "Sharma");
            Assert.True(seen.Add(pan), $"duplicate demo PAN {pan} at {i}");
            if (i % 9973 == 0) Assert.True(Pan.IsValid(pan), pan);
        }
    }
}
