using YamlDotNet.RepresentationModel;

namespace AutoPR.Build.Tests.GitHubActions;

/// <summary>Strings stay strings, whatever they look like; scripts stay readable.</summary>
public sealed class YamlWriterTests
{
    public static TheoryData<string> Awkward => new()
    {
        "true", "False", "on", "OFF", "yes", "n", "null", "~", "", "60", "-1", "3.14", "1e3", "0x1F", "0o17", ".inf", ".NaN",
        "!cancelled()", "*star", "&anchor", "a: b", "a #b", "#comment", "- item", "[list]", "{map}", "'quoted'", "\"double\"",
        "%percent", "@at", "`tick", "|pipe", ">folded", "trailing ", " leading", "tab\tinside",
        "${{ github.ref }}", "${{ hashFiles('**/*.csproj') }}", "feature/**", "deploy-${{ inputs.environment }}", "ünïcödé",
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public void A_string_reads_back_as_the_same_string(string value)
    {
        var yaml = YamlWriter.Write(new YamlMap().Add("key", value), []);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var scalar = (YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("key")];
        Assert.Equal(value, scalar.Value);

        // Plain only when no YAML reader could take it for a boolean, number or null.
        var looksTyped = value is "true" or "False" or "on" or "OFF" or "yes" or "n" or "null" or "~" or "" or "60" or "-1" or "3.14" or "1e3" or "0x1F" or "0o17" or ".inf" or ".NaN";
        Assert.True(!looksTyped || scalar.Style != YamlDotNet.Core.ScalarStyle.Plain, $"'{value}' was written plain: {yaml}");
    }

    [Fact]
    public void A_script_of_several_lines_is_a_literal_block()
    {
        var yaml = YamlWriter.Write(new YamlMap().Add("run", "set -e\n./build.sh A \"$X\"\n"), []);
        Assert.Equal("run: |\n  set -e\n  ./build.sh A \"$X\"\n", yaml);
    }

    [Fact]
    public void Booleans_and_numbers_are_plain_and_empty_maps_are_braces()
    {
        var yaml = YamlWriter.Write(new YamlMap().Add("a", YamlPlain.Of(false)).Add("b", YamlPlain.Of(45)).Add("c", new YamlMap()), ["one", "two"]);
        Assert.Equal("# one\n# two\na: false\n\nb: 45\n\nc: {}\n", yaml);
    }

    [Fact]
    public void A_key_is_written_once()
    {
        var map = new YamlMap().Add("a", "1");
        Assert.Throws<InvalidOperationException>(() => map.Add("a", "2"));
    }

    [Fact]
    public void A_null_value_leaves_the_key_out()
    {
        var yaml = YamlWriter.Write(new YamlMap().Add("a", (string?)null).Add("b", "x"), []);
        Assert.Equal("b: x\n", yaml);
    }
}
