using System.Text.Json.Nodes;
using AutoPR.Deployment.Drift;
using AutoPR.Deployment.Tests.Rollout.Fakes;

namespace AutoPR.Deployment.Tests.Drift;

public sealed class DriftCheckTests
{
    [Fact]
    public async Task Right_after_a_deployment_there_is_no_drift_and_the_check_only_reads()
    {
        using var bed = new DeploymentTestBed();
        await bed.DeployAsync(bed.Request(DeploymentTestBed.DigestA));
        bed.Ecs.ClearCalls();

        var report = await Check(bed);

        Assert.False(report.HasDrift);
        Assert.Equal("production: no drift, service autopr runs autopr-production:1 as the repository says", report.Summary);
        Assert.Equal(report.Summary, report.ToText());
        Assert.Equal(["DescribeServices", "DescribeTaskDefinition"], bed.Ecs.Operations);
        Assert.Empty(bed.Ecs.ModelProblems);
    }

    [Fact]
    public async Task A_release_newer_than_what_runs_is_not_drift_because_the_check_renders_the_running_image()
    {
        // The repository may already hold a newer release (DigestB); only what the repository configures counts.
        using var bed = new DeploymentTestBed();
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA, gitSha: "fedcba9876543210fedcba9876543210fedcba98");

        var report = await Check(bed);

        Assert.False(report.HasDrift);
        Assert.Contains(DeploymentTestBed.DigestA, report.Image, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_desired_count_changed_out_of_band_is_drift_in_the_service_with_the_field_in_the_diff()
    {
        using var bed = new DeploymentTestBed();
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        await bed.Client.UpdateServiceAsync(new JsonObject { ["cluster"] = bed.Environment.Cluster, ["service"] = bed.Environment.Service, ["desiredCount"] = 7 });

        var report = await Check(bed);

        Assert.True(report.HasDrift);
        Assert.False(report.TaskDefinitionDiff!.HasChanges);
        Assert.True(report.ServiceDiff!.HasChanges);
        Assert.StartsWith("production: DRIFT in service autopr (autopr-production:1 runs)", report.Summary, StringComparison.Ordinal);
        Assert.Contains(report.ServiceDiff.Lines, l => l.StartsWith('-') && l.Contains("\"desiredCount\": 7", StringComparison.Ordinal));
        Assert.Contains(report.ServiceDiff.Lines, l => l.StartsWith('+') && l.Contains($"\"desiredCount\": {bed.Environment.DesiredCount}", StringComparison.Ordinal));
        Assert.Contains("desiredCount", report.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_definition_replaced_out_of_band_is_drift_in_the_task_definition()
    {
        using var bed = new DeploymentTestBed();
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        var edited = bed.Render(DeploymentTestBed.DigestA).RegisterTaskDefinitionRequest();
        edited["memory"] = "4096";
        var registered = await bed.Client.RegisterTaskDefinitionAsync(edited);
        await bed.Client.UpdateServiceAsync(new JsonObject { ["cluster"] = bed.Environment.Cluster, ["service"] = bed.Environment.Service, ["taskDefinition"] = registered.Arn });

        var report = await Check(bed);

        Assert.True(report.HasDrift);
        Assert.True(report.TaskDefinitionDiff!.HasChanges);
        Assert.False(report.ServiceDiff!.HasChanges);
        Assert.Equal("running autopr-production:2", report.TaskDefinitionDiff.RunningLabel);
        Assert.Contains(report.TaskDefinitionDiff.Lines, l => l.StartsWith('-') && l.Contains("\"memory\": \"4096\"", StringComparison.Ordinal));
        Assert.Contains("a deployment is in progress", report.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_changed_in_the_repository_but_not_deployed_is_drift_too()
    {
        using var deployed = new DeploymentTestBed();
        await deployed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        using var changed = new DeploymentTestBed(change: e => e with { LogLevel = "Trace" });

        var report = await new DriftChecker(deployed.Client, changed.Templates).CheckAsync(changed.Environment);

        Assert.True(report.HasDrift);
        Assert.Contains(report.TaskDefinitionDiff!.Lines, l => l.StartsWith('+') && l.Contains("Trace", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_markdown_has_the_summary_and_the_diffs_in_a_diff_block()
    {
        using var bed = new DeploymentTestBed();
        await bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        await bed.Client.UpdateServiceAsync(new JsonObject { ["cluster"] = bed.Environment.Cluster, ["service"] = bed.Environment.Service, ["desiredCount"] = 7 });

        var markdown = (await Check(bed)).ToMarkdown();

        Assert.StartsWith("### Drift check: production\n\nproduction: DRIFT in service autopr", markdown, StringComparison.Ordinal);
        Assert.Contains("\n```diff\ntask definition autopr-production: no changes\nservice autopr: changes\n", markdown, StringComparison.Ordinal);
        Assert.Contains("-  \"desiredCount\": 7,", markdown, StringComparison.Ordinal);
        Assert.EndsWith("\n```\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_service_is_one_line_and_counts_as_drift()
    {
        using var bed = new DeploymentTestBed();

        var report = await Check(bed);

        Assert.False(report.ServiceExists);
        Assert.True(report.HasDrift);
        Assert.Equal(
            "production: service autopr does not exist in cluster autopr-production, so nothing runs that the repository describes; deploy it first (./build.sh DeployEcs --environment production)",
            report.Summary);
        Assert.Equal(report.Summary, report.ToText());
        Assert.Equal(["DescribeServices"], bed.Ecs.Operations);
    }

    private static Task<DriftReport> Check(DeploymentTestBed bed) => new DriftChecker(bed.Client, bed.Templates).CheckAsync(bed.Environment);
}
