namespace AutoPR.Build.Tests.CommandLine;

/// <summary>Every usage error: exit code 2, one line on stderr that says what to do, nothing on stdout.</summary>
[Collection(BuildScriptCollection.Name)]
public class BuildScriptUsageErrorTests(BuildScriptFixture build)
{
    private async Task<string> UsageErrorOf(params string[] args)
    {
        var result = await build.RunAsync(args);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Output);
        Assert.DoesNotContain('\n', result.Error.Trim());
        return result.Error.Trim();
    }

    [Fact]
    public async Task An_unknown_target_suggests_the_closest() =>
        Assert.Equal("error: Unknown target 'Tset' (command line). Did you mean Test?", await UsageErrorOf("Tset"));

    [Fact]
    public async Task A_kebab_case_typo_still_gets_a_suggestion() =>
        Assert.Equal("error: Unknown target 'compil' (command line). Did you mean Compile?", await UsageErrorOf("compil"));

    [Fact]
    public async Task A_bad_parameter_value_names_the_allowed_values() =>
        Assert.Equal(
            "error: --configuration (command line): 'Fast' is not one of Debug, Release; for example --configuration Debug.",
            await UsageErrorOf("Compile", "--configuration", "Fast", "--plan"));

    [Fact]
    public async Task A_bad_parameter_value_from_the_environment_names_the_variable()
    {
        var result = await build.RunAsync(["--plan"], new Dictionary<string, string?> { ["AUTOPR_CONFIGURATION"] = "Fast" });
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: --configuration (environment variable AUTOPR_CONFIGURATION): 'Fast'", result.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_suggests_the_closest() =>
        Assert.Equal("error: Unknown option '--confguration'. Did you mean --configuration?", await UsageErrorOf("--confguration", "Debug"));

    [Fact]
    public async Task An_unknown_verbosity_lists_the_levels() =>
        Assert.StartsWith("error: --verbosity 'loud' is not one of Quiet, Minimal, Normal, Verbose", await UsageErrorOf("--verbosity", "loud"), StringComparison.Ordinal);

    [Fact]
    public async Task A_missing_profile_says_which_file_to_create() =>
        Assert.StartsWith("error: Profile 'nope' not found: create .nuke/parameters.nope.json", await UsageErrorOf("--profile", "nope", "--plan"), StringComparison.Ordinal);

    [Fact]
    public async Task A_known_verbosity_is_accepted()
    {
        var result = await build.RunAsync("--verbosity", "quiet", "--plan");
        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
