using AutoPR.Build.Tests.Support;
using static AutoPR.Build.Tests.Support.PlanHarness;

namespace AutoPR.Build.Tests.Planning;

public class DependencyOrderTests
{
    private sealed class Pipeline : RecordingBuild
    {
        Target Publish => _ => _.DependsOn(Test, Pack).Executes(Record());
        Target Pack => _ => _.DependsOn(Compile).Executes(Record());
        Target Test => _ => _.DependsOn(Compile).Executes(Record());
        Target Compile => _ => _.DependsOn(Restore).Executes(Record());
        Target Restore => _ => _.Executes(Record());
        Target Unrelated => _ => _.Executes(Record());
        Target Generate => _ => _.DependentFor(Compile).Executes(Record());
    }

    [Fact]
    public void Dependencies_come_before_their_dependents_in_the_order_they_are_listed() =>
        Assert.Equal(["Restore", "Generate", "Compile", "Test", "Pack", "Publish"], Order(Plan(new Pipeline(), "Publish")));

    [Fact]
    public void The_same_request_gives_the_same_order_every_time()
    {
        var first = Order(Plan(new Pipeline(), "Publish", "Unrelated"));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(first, Order(Plan(new Pipeline(), "Publish", "Unrelated")));
        }
    }

    [Fact]
    public void Targets_nobody_asked_for_are_not_planned() =>
        Assert.Equal(["Restore", "Generate", "Compile"], Order(Plan(new Pipeline(), "Compile")));

    [Fact]
    public void Independent_targets_run_in_the_order_they_were_invoked()
    {
        Assert.Equal(["Unrelated", "Restore"], Order(Plan(new Pipeline(), "Unrelated", "Restore")));
        Assert.Equal(["Restore", "Unrelated"], Order(Plan(new Pipeline(), "Restore", "Unrelated")));
    }

    [Fact]
    public void DependentFor_makes_this_target_a_dependency_of_the_other()
    {
        var graph = TargetGraph.Create(new Pipeline());
        var compile = TargetNames.Find(graph.Targets, "Compile")!;
        Assert.Equal(["Restore", "Generate"], compile.Dependencies.Select(t => t.Name));
    }

    [Fact]
    public void DependentFor_does_not_pull_the_dependent_in() =>
        Assert.Equal(["Generate"], Order(Plan(new Pipeline(), "Generate")));

    [Fact]
    public async Task Targets_execute_in_plan_order()
    {
        var build = new Pipeline();
        var plan = await RunAsync(build, "Publish");
        Assert.Equal(Order(plan), build.Ran);
        Assert.All(plan.Ordered, t => Assert.Equal(TargetStatus.Succeeded, t.Status));
    }
}
