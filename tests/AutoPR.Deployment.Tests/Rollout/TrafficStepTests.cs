using System.Text.Json.Nodes;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Tests.Rollout;

/// <summary>The progress line of a traffic shift: which step, which revision, how much bake time is left.</summary>
public sealed class TrafficStepTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static EcsServiceDeploymentView Deployment(string strategy, string stage, double weight) => new(new JsonObject
    {
        ["serviceDeploymentArn"] = "arn:aws:ecs:eu-west-1:123456789012:service-deployment/c/s/1",
        ["status"] = "IN_PROGRESS",
        ["lifecycleStage"] = stage,
        ["targetServiceRevision"] = new JsonObject { ["arn"] = "rev-2", ["requestedProductionTrafficWeight"] = weight, ["requestedTestTrafficWeight"] = 100.0 },
        ["deploymentConfiguration"] = new JsonObject
        {
            ["strategy"] = strategy,
            ["bakeTimeInMinutes"] = 2,
            ["canaryConfiguration"] = new JsonObject { ["canaryPercent"] = 10.0, ["canaryBakeTimeInMinutes"] = 5 },
            ["linearConfiguration"] = new JsonObject { ["stepPercent"] = 25.0, ["stepBakeTimeInMinutes"] = 1 },
        },
    });

    [Fact]
    public void A_canary_step_names_its_share_and_the_bake_time_left_in_ten_second_steps()
    {
        var step = TrafficStep.Of(Deployment("CANARY", "PRODUCTION_TRAFFIC_SHIFT", 10), "autopr:42", Start, Start + TimeSpan.FromSeconds(108));

        Assert.Equal("canary 10 % -> autopr:42, bake 3m20s left", step!.ToString());
    }

    [Fact]
    public void A_linear_step_names_the_share_so_far()
    {
        var step = TrafficStep.Of(Deployment("LINEAR", "PRODUCTION_TRAFFIC_SHIFT", 50), "autopr:42", Start, Start + TimeSpan.FromSeconds(5));

        Assert.Equal("linear 50 % -> autopr:42, bake 1m00s left", step!.ToString());
    }

    [Fact]
    public void Test_traffic_all_traffic_and_the_final_bake_read_as_such()
    {
        Assert.Equal("test traffic -> autopr:42", TrafficStep.Of(Deployment("CANARY", "POST_TEST_TRAFFIC_SHIFT", 0), "autopr:42", Start, Start)!.ToString());
        Assert.Equal("100 % -> autopr:42", TrafficStep.Of(Deployment("BLUE_GREEN", "PRODUCTION_TRAFFIC_SHIFT", 100), "autopr:42", Start, Start)!.ToString());
        Assert.Equal("100 % -> autopr:42, bake 10s left", TrafficStep.Of(Deployment("LINEAR", "BAKE_TIME", 100), "autopr:42", Start, Start + TimeSpan.FromSeconds(115))!.ToString());
    }

    [Fact]
    public void Rolling_and_the_stages_before_any_traffic_have_no_step()
    {
        Assert.Null(TrafficStep.Of(Deployment("ROLLING", "SCALE_UP", 0), "autopr:42", Start, Start));
        Assert.Null(TrafficStep.Of(Deployment("CANARY", "SCALE_UP", 0), "autopr:42", Start, Start));
    }
}
