namespace AutoPR.Build.Tests.Parameters;

public class CommandLineParserTests
{
    private static readonly IReadOnlyList<ParameterDescriptor> Parameters = ParameterDescriptor.Discover(typeof(ParameterBuild));

    private static HostInvocation Parse(params string[] args) => CommandLineParser.Parse(args, Parameters);

    [Fact]
    public void Positional_targets_and_target_options_are_both_targets() =>
        Assert.Equal(["Compile", "Test", "Pack"], Parse("Compile", "--target", "Test", "Pack").Targets);

    [Fact]
    public void Nothing_given_means_defaults()
    {
        var invocation = Parse();
        Assert.Empty(invocation.Targets);
        Assert.Equal(SkipRequest.None, invocation.Skip);
        Assert.Equal(Verbosity.Normal, invocation.Verbosity);
        Assert.False(invocation.ShowPlan || invocation.ShowHelp);
        Assert.Empty(invocation.ParameterValues);
    }

    [Fact]
    public void Skip_alone_skips_everything_not_invoked()
    {
        var skip = Parse("Test", "--skip").Skip;
        Assert.True(skip.SkipAllButInvoked);
        Assert.Empty(skip.Names);
    }

    [Fact]
    public void Skip_with_names_skips_those() =>
        Assert.Equal(new SkipRequest(false, ["Restore", "Compile"]).Names, Parse("Test", "--skip", "Restore", "Compile").Skip.Names);

    [Fact]
    public void Host_options()
    {
        var invocation = Parse("--plan", "-v", "verbose", "--root", "/repo", "--profile", "staging", "canary");
        Assert.True(invocation.ShowPlan);
        Assert.Equal(Verbosity.Verbose, invocation.Verbosity);
        Assert.Equal("/repo", invocation.Root);
        Assert.Equal(["staging", "canary"], invocation.Profiles);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help(string option) => Assert.True(Parse(option).ShowHelp);

    [Fact]
    public void An_unknown_verbosity_lists_the_levels()
    {
        var error = Assert.Throws<UsageException>(() => Parse("--verbosity", "loud"));
        Assert.Equal("--verbosity 'loud' is not one of Quiet, Minimal, Normal, Verbose; for example --verbosity verbose.", error.Message);
    }

    [Fact]
    public void A_flag_followed_by_a_target_leaves_the_target_a_target()
    {
        var invocation = Parse("--dry-run", "Deploy");
        Assert.Equal(["Deploy"], invocation.Targets);
        Assert.Empty(invocation.ParameterValues["DryRun"]);
    }

    [Fact]
    public void A_flag_takes_a_following_true_or_false()
    {
        var invocation = Parse("--dry-run", "false", "Deploy");
        Assert.Equal(["Deploy"], invocation.Targets);
        Assert.Equal(["false"], invocation.ParameterValues["DryRun"]);
    }

    [Fact]
    public void Flags_that_were_not_given_are_not_command_line_values() =>
        Assert.False(Parse("Deploy").ParameterValues.ContainsKey("DryRun"));

    [Fact]
    public void Parameter_values_stay_raw_text_for_the_value_parser()
    {
        var values = Parse("--retries", "many", "--tags", "a", "b").ParameterValues;
        Assert.Equal(["many"], values["Retries"]);
        Assert.Equal(["a", "b"], values["Tags"]);
    }
}
