using AutoPR.Build.Tests.Support;
using static AutoPR.Build.Tests.Support.PlanHarness;

namespace AutoPR.Build.Tests.Planning;

/// <summary>Before and After only order targets that are planned anyway; they never pull one in.</summary>
public class OrderingEdgeTests
{
    private sealed class Ordered : RecordingBuild
    {
        Target Restore => _ => _.Executes(Record());
        Target Clean => _ => _.Before(Restore).Executes(Record());
        Target Deploy => _ => _.Executes(Record());
        Target Notify => _ => _.After(Deploy).Executes(Record());
    }

    [Fact]
    public void Before_puts_this_target_first_when_both_are_planned() =>
        Assert.Equal(["Clean", "Restore"], Order(Plan(new Ordered(), "Restore", "Clean")));

    [Fact]
    public void Before_does_not_pull_the_target_in() =>
        Assert.Equal(["Restore"], Order(Plan(new Ordered(), "Restore")));

    [Fact]
    public void After_puts_this_target_last_when_both_are_planned() =>
        Assert.Equal(["Deploy", "Notify"], Order(Plan(new Ordered(), "Notify", "Deploy")));

    [Fact]
    public void After_does_not_pull_the_other_target_in() =>
        Assert.Equal(["Notify"], Order(Plan(new Ordered(), "Notify")));

    [Fact]
    public async Task A_target_ordered_after_another_runs_even_if_that_one_is_not_planned()
    {
        var build = new Ordered();
        await RunAsync(build, "Notify");
        Assert.Equal(["Notify"], build.Ran);
    }
}
