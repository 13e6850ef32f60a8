using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Tests.Fixtures;
using AutoPR.Deployment.Verification.Probes;

namespace AutoPR.Deployment.Tests.Verification.Probes;

public sealed class ProbeTargetTests
{
    [Fact]
    public void Probes_go_to_the_health_urls_origin_only_on_the_health_path_version_and_the_environments_routes()
    {
        var staging = RepositoryEnvironments.Load("staging") with { Deployment = Rolling() };

        var targets = ProbeTarget.Of(staging);

        Assert.Equal(["/health", "/version", "/", "/api/instance"], targets.Select(t => t.Route));
        Assert.All(targets, t => Assert.Equal("https://staging.autopr.example.com", t.Url.GetLeftPart(UriPartial.Authority)));
        Assert.All(targets, t => Assert.Equal(200, t.ExpectedStatus));
    }

    [Fact]
    public void Blue_green_also_probes_the_test_listener()
    {
        var staging = RepositoryEnvironments.Load("staging");
        staging = staging with { LoadBalancer = staging.LoadBalancer with { TestListenerUrl = new Uri("https://staging.autopr.example.com:8443/") } };

        var origins = ProbeTarget.Of(staging).Select(t => t.Url.GetLeftPart(UriPartial.Authority)).Distinct();

        Assert.Equal(["https://staging.autopr.example.com", "https://staging.autopr.example.com:8443"], origins);
    }

    private static DeploymentSettings Rolling() => RepositoryEnvironments.Load("dev").Deployment;
}
