namespace AutoPR.Build.Tests.Parameters;

public class DurationTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("250ms", 250)]
    [InlineData("1m250ms", 60_250)]
    [InlineData("00:05:00", 300_000)]
    [InlineData("01:02:03", 3_723_000)]
    [InlineData("1.00:00:00", 86_400_000)]
    public void Parses(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ParameterValueParser.ParseDuration(text));

    [Theory]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData("5 minutes")]
    [InlineData("-5s")]
    [InlineData("300")]
    [InlineData("0")]
    public void Rejects(string text) => Assert.Null(ParameterValueParser.ParseDuration(text));

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(90_000_000, "25h")]
    [InlineData(1_250, "1s250ms")]
    [InlineData(0, "0s")]
    public void Formats_in_the_form_it_parses(long milliseconds, string text)
    {
        var duration = TimeSpan.FromMilliseconds(milliseconds);
        Assert.Equal(text, ParameterValueParser.FormatDuration(duration));
        Assert.Equal(duration, ParameterValueParser.ParseDuration(text));
    }
}
