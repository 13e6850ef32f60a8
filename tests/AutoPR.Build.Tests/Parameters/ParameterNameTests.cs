namespace AutoPR.Build.Tests.Parameters;

public class ParameterNameTests
{
    [Theory]
    [InlineData("DryRun", "dry-run", "DRY_RUN")]
    [InlineData("ApiToken", "api-token", "API_TOKEN")]
    [InlineData("HTTPPort", "http-port", "HTTP_PORT")]
    [InlineData("Retries", "retries", "RETRIES")]
    [InlineData("Ec2Instance", "ec2-instance", "EC2_INSTANCE")]
    public void Spellings(string member, string kebab, string screamingSnake)
    {
        Assert.Equal(kebab, ParameterNames.Kebab(member));
        Assert.Equal(screamingSnake, ParameterNames.ScreamingSnake(member));
    }

    [Fact]
    public void Environment_names_are_listed_most_specific_first()
    {
        var parameter = ParameterDescriptor.Discover(typeof(ParameterBuild)).Single(p => p.Name == nameof(ParameterBuild.ServiceName));
        Assert.Equal(["AUTOPR_SERVICE_NAME", "ServiceName", "SERVICE_NAME"], parameter.EnvironmentNames);
        Assert.Equal("--service-name", parameter.OptionName);
    }

    [Fact]
    public void Parameters_are_discovered_from_properties_and_fields_in_name_order() =>
        Assert.Equal(
            ["ApiToken", "DryRun", "Output", "Parallelism", "Pin", "Ports", "Region", "Retries", "ServiceName", "Stage", "Tags", "Timeout"],
            ParameterDescriptor.Discover(typeof(ParameterBuild)).Select(p => p.Name));
}
