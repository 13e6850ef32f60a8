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

    [Fact]
    public void A_parameter_may_be_named_other_than_its_member()
    {
        var parameter = Assert.Single(ParameterDescriptor.Discover(typeof(NamedParameterBuild)));

        Assert.Equal(("Task", "--task"), (parameter.Name, parameter.OptionName));
        Assert.Equal(["AUTOPR_TASK", "Task", "TASK"], parameter.EnvironmentNames);
        Assert.Equal(["5f0c2a9e"], CommandLineParser.Parse(["Logs", "--task", "5f0c2a9e"], [parameter]).ParameterValues["Task"]);
    }

    // A member named Task would hide System.Threading.Tasks.Task inside the build.
    private sealed class NamedParameterBuild : NukeBuild
    {
        [Parameter("One task", Name = "Task")]
        public string? LogTask { get; set; }
    }
}
