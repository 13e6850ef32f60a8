using AutoPR.Build.Tests.Support;

namespace AutoPR.Build.Tests.Parameters;

public sealed class ValueTypeTests : IDisposable
{
    private readonly ParameterHarness _harness = new();

    private ParameterBuild Resolve(params string[] args) => _harness.Resolve<ParameterBuild>(args);

    [Fact]
    public void A_flag_alone_is_true() => Assert.True(Resolve("--dry-run").DryRun);

    [Fact]
    public void A_flag_takes_an_explicit_false() => Assert.False(Resolve("--dry-run", "false").DryRun);

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("off", false)]
    [InlineData("FALSE", false)]
    public void A_flag_from_the_environment_reads_common_spellings(string text, bool expected)
    {
        _harness.Environment["DRY_RUN"] = text;
        Assert.Equal(expected, Resolve().DryRun);
    }

    [Fact]
    public void A_flag_from_json_is_a_json_boolean()
    {
        _harness.WriteFile("parameters.json", """{ "DryRun": true }""");
        Assert.True(Resolve().DryRun);
    }

    [Fact]
    public void An_int_from_the_command_line_and_from_json()
    {
        Assert.Equal(7, Resolve("--retries", "7").Retries);
        _harness.WriteFile("parameters.json", """{ "Retries": 9, "Parallelism": 4 }""");
        var build = Resolve();
        Assert.Equal((9, 4), (build.Retries, build.Parallelism));
    }

    [Theory]
    [InlineData("production", Stage.Production)]
    [InlineData("STAGING", Stage.Staging)]
    [InlineData("Development", Stage.Development)]
    public void An_enum_matches_its_names_ignoring_case(string text, Stage expected) =>
        Assert.Equal(expected, Resolve("--stage", text).Stage);

    [Fact]
    public void An_enums_allowed_values_are_its_names() =>
        Assert.Equal(["Development", "Staging", "Production"], Descriptor(nameof(ParameterBuild.Stage)).AllowedValues);

    [Fact]
    public void An_array_takes_several_values_on_the_command_line()
    {
        Assert.Equal(["a", "b", "c"], Resolve("--tags", "a", "b", "c").Tags);
        Assert.Equal([80, 443], Resolve("--ports", "80", "443").Ports);
    }

    [Fact]
    public void An_array_from_the_environment_splits_on_commas_and_spaces()
    {
        _harness.Environment["AUTOPR_TAGS"] = "a, b c";
        Assert.Equal(["a", "b", "c"], Resolve().Tags);
    }

    [Fact]
    public void An_array_from_json_is_a_json_array()
    {
        _harness.WriteFile("parameters.json", """{ "Tags": ["x", "y"], "Ports": [8080] }""");
        var build = Resolve();
        Assert.Equal(["x", "y"], build.Tags);
        Assert.Equal([8080], build.Ports);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("1h30m", 5400)]
    [InlineData("00:05:00", 300)]
    [InlineData("2m30s", 150)]
    public void A_duration_reads_units_and_clock_time(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Resolve("--timeout", text).Timeout);

    [Fact]
    public void A_path_is_relative_to_the_root() =>
        Assert.Equal(Path.Combine(_harness.Root.Path, "artifacts", "out"), Resolve("--output", "artifacts/out").Output?.Value);

    [Fact]
    public void A_path_is_normalized() =>
        Assert.Equal(Path.Combine(_harness.Root.Path, "b"), Resolve("--output", "a/../b").Output?.Value);

    [Fact]
    public void An_absolute_path_stays_as_given() =>
        Assert.Equal("/var/tmp/out", Resolve("--output", "/var/tmp/out").Output?.Value);

    [Fact]
    public void Allowed_values_from_a_member_are_matched_to_their_spelling()
    {
        Assert.Equal("eu-west-1", Resolve("--region", "EU-WEST-1").Region);
        Assert.Equal(["eu-west-1", "us-east-1"], Descriptor(nameof(ParameterBuild.Region)).AllowedValues);
    }

    [Fact]
    public void A_field_can_be_a_parameter() =>
        Assert.Equal("us-east-1", Resolve("--region", "us-east-1").Region);

    private static ParameterDescriptor Descriptor(string name) =>
        ParameterDescriptor.Discover(typeof(ParameterBuild)).Single(p => p.Name == name);

    public void Dispose() => _harness.Dispose();
}
