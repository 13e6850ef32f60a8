using AutoPR.LocalEcs.Logs;

namespace AutoPR.LocalEcs.Tests.Units;

/// <summary>The filter-pattern subset: terms, quoted phrases, ?alternatives, -exclusions; what it refuses.</summary>
public sealed class LogFilterPatternTests
{
    [Theory]
    [InlineData("", "anything", true)]
    [InlineData("ERROR", "[ERROR] boom", true)]
    [InlineData("ERROR", "error boom", false)]
    [InlineData("ERROR boom", "boom ERROR", true)]
    [InlineData("\"ERROR boom\"", "boom ERROR", false)]
    [InlineData("\"ERROR boom\"", "x ERROR boom y", true)]
    [InlineData("\"say \\\"hi\\\"\"", "they say \"hi\"", true)]
    [InlineData("ERROR -disk", "ERROR disk full", false)]
    [InlineData("ERROR -disk", "ERROR database", true)]
    [InlineData("?disk ?database", "database down", true)]
    [InlineData("?disk ?database", "network down", false)]
    [InlineData("down ?disk ?database", "disk up", false)]
    [InlineData("-", "a - b", true)]
    public void Matches_as_CloudWatch_matches_unstructured_events(string pattern, string message, bool matches) =>
        Assert.Equal(matches, LogFilterPattern.Parse(pattern).Matches(message));

    [Theory]
    [InlineData("{ $.level = \"ERROR\" }")]
    [InlineData("[ip, user, status=500]")]
    [InlineData("\"unclosed")]
    public void Refuses_what_it_does_not_support(string pattern) =>
        Assert.Throws<FormatException>(() => LogFilterPattern.Parse(pattern));
}
