using AutoPR.Service.Configuration;

namespace AutoPR.Service.Tests.Configuration;

public sealed class SettingReaderTests
{
    private static SettingReader Reader(string name, string? value) => new(key => key == name ? value : null);

    [Theory]
    [InlineData(null, 0.1)]
    [InlineData("", 0.1)]
    [InlineData("   ", 0.1)]
    [InlineData("0", 0)]
    [InlineData("0.25", 0.25)]
    [InlineData(" 1 ", 1)]
    [InlineData("1e-1", 0.1)]
    public void Numbers_parse_with_the_invariant_culture_and_default_when_unset(string? raw, double expected) =>
        Assert.Equal(expected, Reader("X", raw).GetNumber("X", 0.1, 0, 1, "0.5"));

    [Theory]
    [InlineData("0,25")]
    [InlineData("abc")]
    [InlineData("-0.1")]
    [InlineData("1.01")]
    [InlineData("NaN")]
    public void Numbers_out_of_range_or_malformed_fail_with_one_line_naming_variable_value_and_fix(string raw)
    {
        var error = Assert.Throws<InvalidSettingException>(() => Reader("AUTOPR_FAULT_ERROR_RATE", raw).GetNumber("AUTOPR_FAULT_ERROR_RATE", 0, 0, 1, "0.25"));

        Assert.Equal(
            $"AUTOPR_FAULT_ERROR_RATE='{raw}' is not valid: expected a number from 0 to 1 (e.g. 0.25); fix the value or unset AUTOPR_FAULT_ERROR_RATE.",
            error.Message);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("x")]
    [InlineData("70000")]
    public void Integers_reject_fractions_words_and_out_of_range_values(string raw) =>
        Assert.Throws<InvalidSettingException>(() => Reader("PORT", raw).GetInteger("PORT", 8000, 1, 65_535, "8000"));

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData(null, false)]
    public void Flags_accept_the_usual_spellings(string? raw, bool expected) =>
        Assert.Equal(expected, Reader("F", raw).GetFlag("F"));

    [Fact]
    public void Flags_reject_anything_else() =>
        Assert.Contains("expected true or false", Assert.Throws<InvalidSettingException>(() => Reader("F", "maybe").GetFlag("F")).Message, StringComparison.Ordinal);

    [Fact]
    public void Strings_are_trimmed_and_blank_means_unset()
    {
        Assert.Equal("v1", Reader("S", "  v1 ").GetString("S"));
        Assert.Null(Reader("S", " ").GetString("S"));
    }
}
