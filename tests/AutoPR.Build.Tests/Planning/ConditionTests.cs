using AutoPR.Build.Tests.Support;
using static AutoPR.Build.Tests.Support.PlanHarness;

namespace AutoPR.Build.Tests.Planning;

public class ConditionTests
{
    private sealed class Conditional : RecordingBuild
    {
        public bool Enabled { get; set; }

        public bool Ready { get; set; }

        Target Prepare => _ => _.Executes(() =>
        {
            Ran.Add(nameof(Prepare));
            Ready = true;
        });

        Target Publish => _ => _.DependsOn(Prepare).OnlyWhenStatic(() => Enabled).Executes(Record());
        Target Upload => _ => _.DependsOn(Prepare).OnlyWhenDynamic(() => Ready).Executes(Record());
        Target Warm => _ => _.DependsOn(Prepare).OnlyWhenDynamic(() => !Ready && Enabled).Executes(Record());
        Target Announce => _ => _.DependsOn(Publish).Executes(Record());
        Target Probe => _ => _.OnlyWhenDynamic(() => ReadMarker()).Executes(Record());
        Target Tidy => _ => _.After(Probe).AssuredAfterFailure().Executes(Record());

        private static bool ReadMarker() => throw new FileNotFoundException("marker file missing");
    }

    [Fact]
    public void A_false_static_condition_skips_the_target_when_planning_with_its_text_as_reason()
    {
        var plan = Plan(new Conditional(), "Publish");
        Assert.Equal(TargetStatus.Skipped, Target(plan, "Publish").Status);
        Assert.Equal("condition false: Enabled", Target(plan, "Publish").Note);
    }

    [Fact]
    public async Task A_static_condition_is_not_evaluated_again_when_running()
    {
        var build = new Conditional();
        var plan = Plan(build, "Publish");
        build.Enabled = true;
        await RunPlanAsync(plan);
        Assert.Equal(["Prepare"], build.Ran);
    }

    [Fact]
    public async Task A_true_static_condition_lets_the_target_run()
    {
        var build = new Conditional { Enabled = true };
        await RunAsync(build, "Publish");
        Assert.Equal(["Prepare", "Publish"], build.Ran);
    }

    [Fact]
    public async Task A_dynamic_condition_is_evaluated_just_before_the_target_runs()
    {
        var build = new Conditional();
        var plan = await RunAsync(build, "Upload");
        Assert.Equal(["Prepare", "Upload"], build.Ran);
        Assert.Equal(TargetStatus.Succeeded, Target(plan, "Upload").Status);
    }

    [Fact]
    public async Task A_false_dynamic_condition_skips_with_the_conditions_text()
    {
        var build = new Conditional { Enabled = true };
        var plan = await RunAsync(build, "Warm");
        Assert.Equal(["Prepare"], build.Ran);
        Assert.Equal(TargetStatus.Skipped, Target(plan, "Warm").Status);
        Assert.Equal("condition false: !Ready && Enabled", Target(plan, "Warm").Note);
    }

    [Fact]
    public async Task Targets_depending_on_a_skipped_target_still_run()
    {
        var build = new Conditional();
        var plan = await RunAsync(build, "Announce");
        Assert.Equal(["Prepare", "Announce"], build.Ran);
        Assert.Equal(TargetStatus.Succeeded, Target(plan, "Announce").Status);
    }

    [Fact]
    public async Task A_dynamic_condition_that_throws_fails_its_target_and_the_run_goes_on_to_assured_targets()
    {
        var build = new Conditional();
        var plan = await RunAsync(build, "Probe", "Tidy");
        Assert.Equal((TargetStatus.Failed, "condition failed: marker file missing"), (Target(plan, "Probe").Status, Target(plan, "Probe").Note));
        Assert.Equal(["Tidy"], build.Ran);
    }
}
