using AutoPR.Deployment.Aws;

namespace AutoPR.Deployment.Tests.Aws;

public sealed class RegionTests
{
    [Fact]
    public void The_environment_file_region_wins() =>
        Assert.Equal("eu-west-1", AwsRegionResolver.Resolve("eu-west-1", EndpointTests.Variables(("AWS_REGION", "us-east-1")), _ => "ap-south-1"));

    [Fact]
    public void Aws_region_comes_before_aws_default_region() =>
        Assert.Equal("us-east-2", AwsRegionResolver.Resolve(null, EndpointTests.Variables(("AWS_REGION", "us-east-2"), ("AWS_DEFAULT_REGION", "us-west-2")), _ => null));

    [Fact]
    public void Aws_default_region_is_used_without_aws_region() =>
        Assert.Equal("us-west-2", AwsRegionResolver.Resolve(null, EndpointTests.Variables(("AWS_DEFAULT_REGION", "us-west-2")), _ => null));

    [Fact]
    public void The_active_profile_region_is_the_last_resort()
    {
        string? asked = null;
        var region = AwsRegionResolver.Resolve(null, EndpointTests.Variables(("AWS_PROFILE", "deployer")), profile =>
        {
            asked = profile;
            return "eu-central-1";
        });

        Assert.Equal("eu-central-1", region);
        Assert.Equal("deployer", asked);
    }

    [Fact]
    public void No_region_anywhere_is_one_line_naming_what_was_tried()
    {
        var error = Assert.Throws<AwsConfigurationException>(() => AwsRegionResolver.Resolve(null, EndpointTests.Variables(), _ => null));
        Assert.Equal("No AWS region: tried the environment file's aws.region, AWS_REGION, AWS_DEFAULT_REGION and the region of profile 'default'; set one of them (for example AWS_REGION=eu-west-1).", error.Message);
    }
}
