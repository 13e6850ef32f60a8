using AutoPR.Build.Tests.Support;

namespace AutoPR.Build.Tests.Parameters;

/// <summary>Command line, then environment, then profiles (the last named first), then parameters.json.</summary>
public sealed class PrecedenceTests : IDisposable
{
    private readonly ParameterHarness _harness = new();

    public PrecedenceTests()
    {
        _harness.WriteFile("parameters.json", """{ "ServiceName": "json", "Retries": 1, "Tags": ["json"] }""");
        _harness.WriteFile("parameters.staging.json", """{ "ServiceName": "staging", "Retries": 2 }""");
        _harness.WriteFile("parameters.canary.json", """{ "ServiceName": "canary" }""");
    }

    [Fact]
    public void Command_line_beats_environment()
    {
        _harness.Environment["AUTOPR_SERVICE_NAME"] = "env";
        Assert.Equal("cli", _harness.Resolve<ParameterBuild>("--service-name", "cli", "--profile", "staging").ServiceName);
    }

    [Fact]
    public void Environment_beats_profiles()
    {
        _harness.Environment["SERVICE_NAME"] = "env";
        Assert.Equal("env", _harness.Resolve<ParameterBuild>("--profile", "staging").ServiceName);
    }

    [Fact]
    public void A_profile_beats_parameters_json() =>
        Assert.Equal("staging", _harness.Resolve<ParameterBuild>("--profile", "staging").ServiceName);

    [Fact]
    public void The_later_profile_wins()
    {
        Assert.Equal("canary", _harness.Resolve<ParameterBuild>("--profile", "staging", "canary").ServiceName);
        Assert.Equal("staging", _harness.Resolve<ParameterBuild>("--profile", "canary", "staging").ServiceName);
    }

    [Fact]
    public void Files_merge_key_by_key()
    {
        var build = _harness.Resolve<ParameterBuild>("--profile", "staging", "canary");
        Assert.Equal(("canary", 2), (build.ServiceName, build.Retries));
        Assert.Equal(["json"], build.Tags);
    }

    [Fact]
    public void The_prefixed_environment_variable_beats_the_exact_name_which_beats_screaming_snake()
    {
        _harness.Environment["SERVICE_NAME"] = "snake";
        _harness.Environment["ServiceName"] = "exact";
        Assert.Equal("exact", _harness.Resolve<ParameterBuild>().ServiceName);
        _harness.Environment["AUTOPR_SERVICE_NAME"] = "prefixed";
        Assert.Equal("prefixed", _harness.Resolve<ParameterBuild>().ServiceName);
    }

    public void Dispose() => _harness.Dispose();
}
