using System.Text.Json.Nodes;

namespace AutoPR.Build.Tests.CommandLine;

/// <summary>--help shows each kind of parameter with its type, default and allowed values; the schema follows the build.</summary>
[Collection(SampleBuildCollection.Name)]
public class SampleHelpTests(SampleBuildFixture sample)
{
    [Theory]
    [InlineData("--dry-run", "Plan without changing anything", "")]
    [InlineData("--stage <Development|Staging|Production>", "Target environment", "")]
    [InlineData("--timeout <duration>", "How long to wait", "default: 1m30s")]
    [InlineData("--tags <string...>", "Image tags", "default: latest")]
    [InlineData("--retries <int>", "Attempts", "default: 3")]
    [InlineData("--output <path>", "Where artifacts go", "")]
    [InlineData("--region <eu-west-1|us-east-1>", "AWS region", "default: eu-west-1")]
    public async Task Each_parameter_shows_type_description_and_default(string option, string description, string defaultText)
    {
        var result = await sample.RunAsync("--help");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches($@"(?m)^\s*{System.Text.RegularExpressions.Regex.Escape(option)}\s+{description}\s+{defaultText}\s*$", result.Output);
    }

    [Fact]
    public async Task Targets_show_dependencies_and_descriptions_and_unlisted_ones_are_hidden()
    {
        var result = await sample.RunAsync("--help");
        Assert.Matches(@"(?m)^\s*Deploy\s+-> Pass\s+Needs a stage\s*$", result.Output);
        Assert.Matches(@"(?m)^\s*AfterFail\s+-> Fail\s*$", result.Output);
        Assert.Contains("Targets (default: Pass)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schema_for_parameters_json_is_written_from_the_build()
    {
        var result = await sample.RunAsync("--help");
        Assert.True(result.ExitCode == 0, result.ToString());
        var schema = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(sample.Root, ".nuke", "build.schema.json")))!;
        Assert.Equal("[\"Development\",\"Staging\",\"Production\"]", schema["properties"]!["Stage"]!["enum"]!.ToJsonString());
        Assert.Equal("array", (string?)schema["properties"]!["Tags"]!["type"]);
        Assert.Equal("integer", (string?)schema["properties"]!["Retries"]!["type"]);
        Assert.Contains("Hidden", schema["definitions"]!["Target"]!["enum"]!.ToJsonString(), StringComparison.Ordinal);
    }
}
