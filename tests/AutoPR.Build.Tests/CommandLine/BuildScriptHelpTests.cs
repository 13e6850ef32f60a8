namespace AutoPR.Build.Tests.CommandLine;

[Collection(BuildScriptCollection.Name)]
public class BuildScriptHelpTests(BuildScriptFixture build)
{
    [Fact]
    public async Task Help_exits_0_and_lists_the_targets_with_their_dependencies_and_descriptions()
    {
        var result = await build.RunAsync("--help");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^Targets \(default: [\w, ]+\)$", result.Output);
        Assert.Matches(@"(?m)^\s*Clean\s+Deletes artifacts/", result.Output);
        Assert.Matches(@"(?m)^\s*Restore\s+Restores the solution's NuGet packages\.", result.Output);
        Assert.Matches(@"(?m)^\s*Compile\s+-> Restore\s+Builds the solution", result.Output);
        Assert.Matches(@"(?m)^\s*Test\s+-> Compile\s+Runs every test project", result.Output);
    }

    [Fact]
    public async Task Help_lists_the_parameters_with_type_allowed_values_and_default()
    {
        var result = await build.RunAsync("--help");
        Assert.Matches(@"(?m)^\s*--configuration <Debug\|Release>\s+Build configuration\s+default: Debug\s*$", result.Output);
        Assert.Matches(@"(?m)^\s*--test-filter <string>\s+Only run tests matching", result.Output);
    }

    [Fact]
    public async Task Help_lists_the_host_options_and_exit_codes()
    {
        var result = await build.RunAsync("-h");
        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var option in new[] { "--target", "--skip", "--plan", "--verbosity", "--root", "--profile", "--help" })
        {
            Assert.Matches($@"(?m)^\s*{option}\b", result.Output);
        }

        Assert.Contains("Exit codes: 0 success, 1 a target failed (or the code the failed target names, e.g. RunTask's task), 2 usage error, 130 interrupted.", result.Output, StringComparison.Ordinal);
    }
}
