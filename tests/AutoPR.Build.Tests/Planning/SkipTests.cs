using AutoPR.Build.Tests.Support;
using static AutoPR.Build.Tests.Support.PlanHarness;

namespace AutoPR.Build.Tests.Planning;

public class SkipTests
{
    private sealed class Chain : RecordingBuild
    {
        Target Restore => _ => _.Executes(Record());
        Target Compile => _ => _.DependsOn(Restore).Executes(Record());
        Target Test => _ => _.DependsOn(Compile).Executes(Record());
    }

    [Fact]
    public async Task Named_targets_are_skipped_and_the_rest_still_runs()
    {
        var build = new Chain();
        var plan = await RunAsync(build, new SkipRequest(false, ["Restore"]), default, default, "Test");
        Assert.Equal(["Compile", "Test"], build.Ran);
        Assert.Equal(TargetStatus.Skipped, Target(plan, "Restore").Status);
        Assert.Equal("--skip", Target(plan, "Restore").Note);
    }

    [Fact]
    public void Skip_names_are_matched_like_target_names()
    {
        var plan = Plan(new Chain(), new SkipRequest(false, ["restore", "COMPILE"]), "Test");
        Assert.Equal([TargetStatus.Skipped, TargetStatus.Skipped, TargetStatus.NotRun], plan.Ordered.Select(t => t.Status));
    }

    [Fact]
    public async Task Skip_alone_runs_only_the_invoked_targets()
    {
        var build = new Chain();
        var plan = await RunAsync(build, new SkipRequest(true, []), default, default, "Test");
        Assert.Equal(["Test"], build.Ran);
        Assert.Contains("only invoked", Target(plan, "Compile").Note, StringComparison.Ordinal);
        Assert.Equal(TargetStatus.Skipped, Target(plan, "Restore").Status);
    }

    [Fact]
    public void An_unknown_skip_name_is_a_usage_error_with_a_suggestion()
    {
        var error = Assert.Throws<UsageException>(() => Plan(new Chain(), new SkipRequest(false, ["Compyle"]), "Test"));
        Assert.Equal("Unknown target 'Compyle' (--skip). Did you mean Compile?", error.Message);
    }

    [Fact]
    public void A_new_plan_starts_from_fresh_statuses()
    {
        var build = new Chain();
        Plan(build, new SkipRequest(true, []), "Test");
        var graph = TargetGraph.Create(build);
        var plan = ExecutionPlanner.Plan(graph, [TargetNames.Find(graph.Targets, "Test")!], SkipRequest.None);
        Assert.All(plan.Ordered, t => Assert.Equal(TargetStatus.NotRun, t.Status));
    }
}
