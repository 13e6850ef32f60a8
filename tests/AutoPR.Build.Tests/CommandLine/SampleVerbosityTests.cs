namespace AutoPR.Build.Tests.CommandLine;

[Collection(SampleBuildCollection.Name)]
public class SampleVerbosityTests(SampleBuildFixture sample)
{
    [Theory]
    [InlineData(null, false, true, true)]
    [InlineData("verbose", true, true, true)]
    [InlineData("minimal", false, false, true)]
    [InlineData("quiet", false, false, false)]
    public async Task Verbosity_sets_which_log_levels_are_shown(string? verbosity, bool debug, bool information, bool warning)
    {
        var result = await sample.RunAsync(verbosity is null ? ["Pass"] : ["Pass", "--verbosity", verbosity]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            (debug, information, warning),
            (result.Output.Contains("debug-marker", StringComparison.Ordinal),
             result.Output.Contains("info-marker", StringComparison.Ordinal),
             result.Output.Contains("warning-marker", StringComparison.Ordinal)));
    }
}
