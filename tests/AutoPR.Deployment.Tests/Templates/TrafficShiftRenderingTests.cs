using System.Text.Json.Nodes;
using AutoPR.Deployment.Diff;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Templates;
using AutoPR.Deployment.Tests.Fixtures;
using AutoPR.Deployment.Tests.Rollout.Fakes;

namespace AutoPR.Deployment.Tests.Templates;

/// <summary>BLUE_GREEN, CANARY and LINEAR render into deploymentConfiguration as ECS takes them, and read back without false differences.</summary>
public sealed class TrafficShiftRenderingTests
{
    private static readonly DeploymentTemplates Templates = DeploymentTemplates.Load(DeploymentTemplates.DefaultDirectory(RepositoryPaths.Root));

    private static DeploymentEnvironment Staging => RepositoryEnvironments.Load("staging");

    private static JsonObject Render(DeploymentEnvironment environment) =>
        Templates.Render(environment, DeploymentTestBed.Release(DeploymentTestBed.DigestA)).ServiceDefinition;

    [Fact]
    public void A_canary_renders_its_share_and_bake_time_and_the_test_traffic_gate()
    {
        var deployment = Render(Staging)["deploymentConfiguration"]!;

        Assert.Equal("CANARY", deployment["strategy"]!.GetValue<string>());
        Assert.Equal(10.0, deployment["canaryConfiguration"]!["canaryPercent"]!.GetValue<double>());
        Assert.Equal(5, deployment["canaryConfiguration"]!["canaryBakeTimeInMinutes"]!.GetValue<int>());
        Assert.Equal(5, deployment["bakeTimeInMinutes"]!.GetValue<int>());
        Assert.Null(deployment["linearConfiguration"]);
        var gate = Assert.Single(deployment["lifecycleHooks"]!.AsArray())!;
        Assert.Equal("PAUSE", gate["targetType"]!.GetValue<string>());
        Assert.Equal(["POST_TEST_TRAFFIC_SHIFT"], gate["lifecycleStages"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(15, gate["timeoutConfiguration"]!["timeoutInMinutes"]!.GetValue<int>());
        Assert.Equal("ROLLBACK", gate["timeoutConfiguration"]!["action"]!.GetValue<string>());
    }

    [Fact]
    public void A_linear_deployment_with_a_manual_gate_and_a_lambda_hook_renders_both_and_matches_the_model()
    {
        var staging = Staging;
        var environment = staging with
        {
            Deployment = staging.Deployment with
            {
                Strategy = DeploymentStrategy.Linear,
                Linear = new LinearSettings { StepPercent = 25, StepBakeTimeMinutes = 2 },
                LifecycleHooks =
                [
                    new LifecycleHookSettings { Type = LifecycleHookType.Pause, Stages = ["PRE_PRODUCTION_TRAFFIC_SHIFT"], TimeoutMinutes = 120, TimeoutAction = LifecycleHookAction.Continue },
                    new LifecycleHookSettings
                    {
                        Type = LifecycleHookType.Lambda,
                        Stages = ["POST_SCALE_UP"],
                        FunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:autopr-check",
                        RoleArn = "arn:aws:iam::123456789012:role/autopr-hooks",
                        Details = new JsonObject { ["suite"] = "smoke" },
                    },
                ],
            },
        };

        var rendered = Templates.Render(environment, DeploymentTestBed.Release(DeploymentTestBed.DigestA));
        var deployment = rendered.ServiceDefinition["deploymentConfiguration"]!;
        var hooks = deployment["lifecycleHooks"]!.AsArray();

        Assert.Equal(25.0, deployment["linearConfiguration"]!["stepPercent"]!.GetValue<double>());
        Assert.Equal(2, deployment["linearConfiguration"]!["stepBakeTimeInMinutes"]!.GetValue<int>());
        Assert.Null(deployment["canaryConfiguration"]);
        Assert.Equal(3, hooks.Count);
        Assert.Equal("CONTINUE", hooks[0]!["timeoutConfiguration"]!["action"]!.GetValue<string>());
        Assert.Equal("arn:aws:lambda:eu-west-1:123456789012:function:autopr-check", hooks[1]!["hookTargetArn"]!.GetValue<string>());
        Assert.Equal("smoke", hooks[1]!["hookDetails"]!["suite"]!.GetValue<string>());
        Assert.Equal(["POST_TEST_TRAFFIC_SHIFT"], hooks[2]!["lifecycleStages"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Empty(ServiceModel.Ecs.ValidateInput("UpdateService", rendered.UpdateServiceRequest("arn:aws:ecs:eu-west-1:123456789012:task-definition/autopr-staging:1")));
    }

    [Fact]
    public void A_manual_gate_at_the_test_traffic_stage_is_the_smoke_check_gate_too()
    {
        var staging = Staging;
        var environment = staging with
        {
            Deployment = staging.Deployment with
            {
                LifecycleHooks = [new LifecycleHookSettings { Type = LifecycleHookType.Pause, Stages = ["POST_TEST_TRAFFIC_SHIFT"] }],
            },
        };

        var hook = Assert.Single(Render(environment)["deploymentConfiguration"]!["lifecycleHooks"]!.AsArray())!;

        Assert.Equal(60, hook["timeoutConfiguration"]!["timeoutInMinutes"]!.GetValue<int>());
    }

    [Fact]
    public void Rolling_and_a_traffic_shift_without_a_test_listener_render_no_hooks()
    {
        var staging = Staging;
        var noTestListener = staging with { LoadBalancer = staging.LoadBalancer with { TestListenerUrl = null } };
        var rolling = RepositoryEnvironments.Load("dev");

        Assert.Null(Render(noTestListener)["deploymentConfiguration"]!["lifecycleHooks"]);
        Assert.Null(Render(rolling)["deploymentConfiguration"]!["lifecycleHooks"]);
        Assert.Null(Render(rolling)["deploymentConfiguration"]!["canaryConfiguration"]);
    }

    [Fact]
    public void What_ECS_echoes_back_for_a_canary_shows_no_difference()
    {
        var rendered = Render(Staging);
        var described = JsonNode.Parse(rendered.ToJsonString())!.AsObject();
        var deployment = described["deploymentConfiguration"]!.AsObject();
        // ECS keeps the other strategy's defaults, echoes empty hook details, and writes 10.0 for 10.
        deployment["linearConfiguration"] = new JsonObject { ["stepPercent"] = 10.0, ["stepBakeTimeInMinutes"] = 6 };
        deployment["lifecycleHooks"]![0]!["hookDetails"] = new JsonObject();
        deployment["canaryConfiguration"]!["canaryPercent"] = 10.0;
        described["serviceArn"] = "arn:aws:ecs:eu-west-1:123456789012:service/autopr-staging/autopr";

        var diff = DefinitionComparer.CompareService(rendered, new EcsServiceView(described));

        Assert.False(diff.HasChanges, diff.ToString());
    }

    [Fact]
    public void A_changed_canary_share_is_a_difference()
    {
        var rendered = Render(Staging);
        var described = JsonNode.Parse(rendered.ToJsonString())!.AsObject();
        described["deploymentConfiguration"]!["canaryConfiguration"]!["canaryPercent"] = 20.0;

        var diff = DefinitionComparer.CompareService(rendered, new EcsServiceView(described));

        Assert.True(diff.HasChanges);
        Assert.Contains(diff.Lines, l => l.Contains("canaryPercent", StringComparison.Ordinal));
    }
}
