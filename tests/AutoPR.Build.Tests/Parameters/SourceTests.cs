using AutoPR.Build.Tests.Support;

namespace AutoPR.Build.Tests.Parameters;

/// <summary>Each source on its own gives the parameter its value.</summary>
public sealed class SourceTests : IDisposable
{
    private readonly ParameterHarness _harness = new();

    [Fact]
    public void Command_line_in_kebab_case() =>
        Assert.Equal("api", _harness.Resolve<ParameterBuild>("--service-name", "api").ServiceName);

    [Theory]
    [InlineData("AUTOPR_SERVICE_NAME")]
    [InlineData("ServiceName")]
    [InlineData("SERVICE_NAME")]
    public void Environment_variable_by_each_of_its_names(string variable)
    {
        _harness.Environment[variable] = "from-env";
        Assert.Equal("from-env", _harness.Resolve<ParameterBuild>().ServiceName);
    }

    [Fact]
    public void An_empty_environment_variable_counts_as_unset()
    {
        _harness.Environment["AUTOPR_SERVICE_NAME"] = "";
        _harness.Environment["SERVICE_NAME"] = "from-env";
        Assert.Equal("from-env", _harness.Resolve<ParameterBuild>().ServiceName);
    }

    [Fact]
    public void Environment_variable_names_other_casings_do_not_match()
    {
        _harness.Environment["service_name"] = "from-env";
        Assert.Null(_harness.Resolve<ParameterBuild>().ServiceName);
    }

    [Fact]
    public void Parameters_json()
    {
        _harness.WriteFile("parameters.json", """{ "$schema": "./build.schema.json", "ServiceName": "from-file" }""");
        Assert.Equal("from-file", _harness.Resolve<ParameterBuild>().ServiceName);
    }

    [Fact]
    public void Parameters_json_may_have_comments_and_trailing_commas()
    {
        _harness.WriteFile("parameters.json", """
            {
              // the service this repository deploys
              "ServiceName": "from-file",
            }
            """);
        Assert.Equal("from-file", _harness.Resolve<ParameterBuild>().ServiceName);
    }

    [Fact]
    public void A_profile_file_chosen_with_profile()
    {
        _harness.WriteFile("parameters.staging.json", """{ "ServiceName": "from-staging" }""");
        Assert.Equal("from-staging", _harness.Resolve<ParameterBuild>("--profile", "staging").ServiceName);
    }

    [Fact]
    public void A_profile_file_is_not_read_unless_chosen()
    {
        _harness.WriteFile("parameters.staging.json", """{ "ServiceName": "from-staging" }""");
        Assert.Null(_harness.Resolve<ParameterBuild>().ServiceName);
    }

    [Fact]
    public void No_source_keeps_the_default()
    {
        var build = _harness.Resolve<ParameterBuild>();
        Assert.Equal((3, TimeSpan.FromMinutes(5), null), (build.Retries, build.Timeout, build.ServiceName));
    }

    public void Dispose() => _harness.Dispose();
}
