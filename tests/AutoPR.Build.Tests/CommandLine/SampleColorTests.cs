using System.Text.RegularExpressions;

namespace AutoPR.Build.Tests.CommandLine;

/// <summary>Colour in a terminal, none with NO_COLOR. Runs under a pseudo-terminal so the build sees a terminal.</summary>
[Collection(SampleBuildCollection.Name)]
public partial class SampleColorTests(SampleBuildFixture sample)
{
    [Fact]
    public async Task A_terminal_gets_colour()
    {
        var result = await sample.RunInTerminalAsync("Pass", new Dictionary<string, string?> { ["TERM"] = "xterm-256color" });
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(ColourCode(), result.Output);
    }

    [Fact]
    public async Task NO_COLOR_turns_colour_off_in_a_terminal()
    {
        var result = await sample.RunInTerminalAsync("Pass", new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["NO_COLOR"] = "1" });
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("info-marker", result.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(ColourCode(), result.Output);
    }

    /// <summary>An SGR sequence (colour, bold); other terminal set-up sequences do not count.</summary>
    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex ColourCode();
}
