using AutoPR.Build.Tests.Support;
using static AutoPR.Build.Tests.Support.PlanHarness;

namespace AutoPR.Build.Tests.Planning;

public class TriggerTests
{
    private sealed class Deployment : RecordingBuild
    {
        public bool DeployFails { get; init; }

        Target Deploy => _ => _.Triggers(Verify).Executes(DeployFails ? Fail("rollout failed") : Record());
        Target Verify => _ => _.DependsOn(Prepare).Executes(Record());
        Target Prepare => _ => _.Executes(Record());
        Target Announce => _ => _.TriggeredBy(Deploy).Executes(Record());
    }

    [Fact]
    public void Triggered_targets_and_their_dependencies_are_planned_after_the_trigger() =>
        Assert.Equal(["Deploy", "Prepare", "Verify", "Announce"], Order(Plan(new Deployment(), "Deploy")));

    [Fact]
    public void A_triggered_target_alone_does_not_pull_in_its_trigger() =>
        Assert.Equal(["Prepare", "Verify"], Order(Plan(new Deployment(), "Verify")));

    [Fact]
    public void TriggeredBy_is_the_reverse_of_Triggers() =>
        Assert.Equal(["Deploy", "Announce", "Prepare", "Verify"], Order(Plan(new Deployment(), "Announce", "Deploy")));

    [Fact]
    public async Task Triggered_targets_do_not_run_when_the_trigger_fails()
    {
        var build = new Deployment { DeployFails = true };
        var plan = await RunAsync(build, "Deploy");
        Assert.Equal(["Deploy"], build.Ran);
        Assert.Equal(TargetStatus.NotRun, Target(plan, "Verify").Status);
        Assert.Equal(TargetStatus.NotRun, Target(plan, "Announce").Status);
        Assert.Contains("Deploy", Target(plan, "Announce").Note, StringComparison.Ordinal);
    }
}
