using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Endpoints;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Aws;

/// <summary>Endpoint resolution is a pure function: tested without sending anything anywhere.</summary>
public sealed class EndpointTests
{
    private static readonly AwsService[] Services = [AwsService.Ecs, AwsService.Ecr, AwsService.CloudWatch, AwsService.Ssm, AwsService.Logs, AwsService.Rds];
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1", "il-central-1", "cn-north-1", "cn-northwest-1", "us-gov-west-1", "us-gov-east-1"];

    [Fact]
    public async Task Standard_and_fips_hosts_match_botocore_in_all_three_partitions()
    {
        var cases = (from service in Services from region in Regions from fips in new[] { false, true } select (service, region, fips)).ToList();
        var input = new JsonArray(cases.Select(c => (JsonNode)new JsonObject { ["service"] = c.service.Id, ["region"] = c.region, ["fips"] = c.fips }).ToArray());

        var expected = JsonNode.Parse(await Python.RunScriptAsync("endpoints.py", input.ToJsonString()))!.AsArray();

        var mismatches = cases
            .Select((c, i) => (c, ours: AwsEndpointResolver.Resolve(c.service, c.region, AwsEndpointSettings.Standard with { UseFips = c.fips }).ToString().TrimEnd('/'), theirs: expected[i]!.GetValue<string>()))
            .Where(x => x.ours != x.theirs)
            .Select(x => $"{x.c.service} {x.c.region} fips={x.c.fips}: ours {x.ours}, botocore {x.theirs}")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Theory]
    [InlineData("ecs", "eu-west-1", false, "https://ecs.eu-west-1.amazonaws.com/")]
    [InlineData("ecr", "eu-west-1", false, "https://api.ecr.eu-west-1.amazonaws.com/")]
    [InlineData("cloudwatch", "cn-north-1", false, "https://monitoring.cn-north-1.amazonaws.com.cn/")]
    [InlineData("ecr", "us-gov-west-1", true, "https://ecr-fips.us-gov-west-1.amazonaws.com/")]
    [InlineData("ecs", "us-east-1", true, "https://ecs-fips.us-east-1.amazonaws.com/")]
    [InlineData("rds", "eu-west-1", false, "https://rds.eu-west-1.amazonaws.com/")]
    [InlineData("logs", "eu-west-1", false, "https://logs.eu-west-1.amazonaws.com/")]
    public void Standard_endpoints(string service, string region, bool fips, string expected)
    {
        var resolved = AwsEndpointResolver.Resolve(Services.Single(s => s.Id == service), region, AwsEndpointSettings.Standard with { UseFips = fips });
        Assert.Equal(expected, resolved.ToString());
    }

    [Fact]
    public void The_environment_file_wins_over_service_and_global_variables()
    {
        var settings = AwsEndpointSettings.FromEnvironment(
            Variables(("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"), ("AWS_ENDPOINT_URL_ECS", "http://127.0.0.1:2222"), ("AWS_USE_FIPS_ENDPOINT", "true")),
            new Dictionary<string, Uri> { ["ecr"] = new("http://127.0.0.1:4566") });

        Assert.Equal("http://127.0.0.1:2222/", AwsEndpointResolver.Resolve(AwsService.Ecs, "eu-west-1", settings).ToString());
        Assert.Equal("http://127.0.0.1:4566/", AwsEndpointResolver.Resolve(AwsService.Ecr, "eu-west-1", settings).ToString());
        Assert.Equal("http://127.0.0.1:1111/", AwsEndpointResolver.Resolve(AwsService.CloudWatch, "eu-west-1", settings).ToString());
        Assert.True(settings.UseFips);
    }

    [Fact]
    public void Service_variables_are_named_after_the_service()
    {
        var settings = AwsEndpointSettings.FromEnvironment(Variables(
            ("AWS_ENDPOINT_URL_ECR", "http://127.0.0.1:3001"),
            ("AWS_ENDPOINT_URL_CLOUDWATCH", "http://127.0.0.1:3002"),
            ("AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:3003")));

        Assert.Equal("http://127.0.0.1:3001/", AwsEndpointResolver.Resolve(AwsService.Ecr, "eu-west-1", settings).ToString());
        Assert.Equal("http://127.0.0.1:3002/", AwsEndpointResolver.Resolve(AwsService.CloudWatch, "eu-west-1", settings).ToString());
        Assert.Equal("http://127.0.0.1:3003/", AwsEndpointResolver.Resolve(AwsService.Ssm, "eu-west-1", settings).ToString());
        Assert.Equal("https://ecs.eu-west-1.amazonaws.com/", AwsEndpointResolver.Resolve(AwsService.Ecs, "eu-west-1", settings).ToString());
    }

    [Fact]
    public void Rds_and_logs_take_their_own_variables_and_environment_file_keys()
    {
        var settings = AwsEndpointSettings.FromEnvironment(
            Variables(("AWS_ENDPOINT_URL_RDS", "http://127.0.0.1:3004"), ("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:3005")),
            new Dictionary<string, Uri> { ["logs"] = new("http://127.0.0.1:4566") });

        Assert.Equal("http://127.0.0.1:3004/", AwsEndpointResolver.Resolve(AwsService.Rds, "eu-west-1", settings).ToString());
        Assert.Equal("http://127.0.0.1:4566/", AwsEndpointResolver.Resolve(AwsService.Logs, "eu-west-1", settings).ToString());
        Assert.Equal("https://monitoring.eu-west-1.amazonaws.com/", AwsEndpointResolver.Resolve(AwsService.CloudWatch, "eu-west-1", settings).ToString());
    }

    [Fact]
    public void Ignoring_configured_endpoint_urls_drops_the_variables_but_not_the_environment_file()
    {
        var settings = AwsEndpointSettings.FromEnvironment(
            Variables(("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")),
            new Dictionary<string, Uri> { ["ecs"] = new("http://127.0.0.1:4566") });

        Assert.Equal("https://api.ecr.eu-west-1.amazonaws.com/", AwsEndpointResolver.Resolve(AwsService.Ecr, "eu-west-1", settings).ToString());
        Assert.Equal("http://127.0.0.1:4566/", AwsEndpointResolver.Resolve(AwsService.Ecs, "eu-west-1", settings).ToString());
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL", "127.0.0.1:4566", "AWS_ENDPOINT_URL='127.0.0.1:4566' is not an absolute http(s) URL: use a value such as https://ecs.eu-west-1.amazonaws.com or http://127.0.0.1:4566.")]
    [InlineData("AWS_USE_FIPS_ENDPOINT", "yes", "AWS_USE_FIPS_ENDPOINT='yes' is not a boolean: set it to true or false.")]
    public void Bad_variables_are_one_clear_line(string name, string value, string message)
    {
        var error = Assert.Throws<AwsConfigurationException>(() => AwsEndpointSettings.FromEnvironment(Variables((name, value))));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_region_outside_the_supported_partitions_is_a_clear_error()
    {
        var error = Assert.Throws<AwsConfigurationException>(() => AwsEndpointResolver.StandardHost(AwsService.Ecs, "moon-base-1", false));
        Assert.Contains("Region 'moon-base-1' is not in a supported partition (aws, aws-cn, aws-us-gov)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123456789012", "eu-west-1", false, "123456789012.dkr.ecr.eu-west-1.amazonaws.com")]
    [InlineData("123456789012", "cn-north-1", false, "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn")]
    [InlineData("123456789012", "us-east-1", true, "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com")]
    public void Ecr_registry_hosts(string account, string region, bool fips, string expected) =>
        Assert.Equal(expected, AwsEndpointResolver.EcrRegistryHost(account, region, fips));

    internal static Func<string, string?> Variables(params (string Name, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.TryGetValue(name, out var value) ? value : null;
    }
}
