using AutoPR.Build.Tests.Support;

namespace AutoPR.Build.Tests.Parameters;

/// <summary>Every bad value is a usage error of one line that says what is wrong and how to fix it.</summary>
public sealed class ParameterErrorTests : IDisposable
{
    private readonly ParameterHarness _harness = new();

    private string ErrorOf(params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => _harness.Resolve<ParameterBuild>(args));
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }

    [Fact]
    public void A_missing_value() =>
        Assert.StartsWith("--service-name needs a value", ErrorOf("--service-name"), StringComparison.Ordinal);

    [Fact]
    public void A_malformed_number() =>
        Assert.Equal("--retries (command line): 'many' is not a whole number; for example --retries 3.", ErrorOf("--retries", "many"));

    [Fact]
    public void A_malformed_value_names_the_environment_variable_it_came_from()
    {
        _harness.Environment["AUTOPR_TIMEOUT"] = "soon";
        Assert.Equal("--timeout (environment variable AUTOPR_TIMEOUT): 'soon' is not a duration; for example --timeout 90s.", ErrorOf());
    }

    [Fact]
    public void A_malformed_value_names_the_file_it_came_from()
    {
        _harness.WriteFile("parameters.json", """{ "Ports": [80, "http"] }""");
        Assert.Contains($"({Path.Combine(".nuke", "parameters.json")}): 'http' is not a whole number", ErrorOf(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_outside_an_enum_lists_the_allowed_values() =>
        Assert.Contains("'prod' is not one of Development, Staging, Production", ErrorOf("--stage", "prod"), StringComparison.Ordinal);

    [Fact]
    public void A_value_outside_allowed_values_from_a_member_lists_them() =>
        Assert.Contains("'mars-1' is not one of eu-west-1, us-east-1", ErrorOf("--region", "mars-1"), StringComparison.Ordinal);

    [Fact]
    public void An_unknown_key_in_parameters_json_lists_the_known_parameters()
    {
        _harness.WriteFile("parameters.json", """{ "Colour": "blue" }""");
        Assert.StartsWith(".nuke/parameters.json: 'Colour' is not a parameter; known parameters: ApiToken, DryRun", ErrorOf(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_miscased_key_in_parameters_json_gets_its_spelling()
    {
        _harness.WriteFile("parameters.json", """{ "service_name": "api" }""");
        Assert.Equal(".nuke/parameters.json: key 'service_name' should be spelled 'ServiceName'.", ErrorOf());
    }

    [Fact]
    public void Invalid_json_says_which_file()
    {
        _harness.WriteFile("parameters.json", """{ "ServiceName": """);
        Assert.StartsWith(".nuke/parameters.json is not valid JSON", ErrorOf(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_profile_names_the_file_to_create_and_the_profiles_there_are()
    {
        _harness.WriteFile("parameters.staging.json", "{}");
        _harness.WriteFile("parameters.canary.json", "{}");
        Assert.Equal("Profile 'prod' not found: create .nuke/parameters.prod.json or use one of: canary, staging.", ErrorOf("--profile", "prod"));
    }

    [Fact]
    public void An_unknown_option_suggests_the_closest_parameter() =>
        Assert.Equal("Unknown option '--retrys'. Did you mean --retries?", ErrorOf("--retrys", "3"));

    public void Dispose() => _harness.Dispose();
}
