using AutoPR.Build.Tests.Support;
using static AutoPR.Build.Tests.Support.PlanHarness;

namespace AutoPR.Build.Tests.Planning;

public class FailureTests
{
    private sealed class Failing : RecordingBuild
    {
        Target Compile => _ => _.Executes(Fail("compiler error CS0001"));
        Target Lint => _ => _.Executes(Record());
        Target Test => _ => _.DependsOn(Compile).Executes(Record());
        Target Cleanup => _ => _.After(Compile, Lint, Test).AssuredAfterFailure().Executes(Record());
    }

    private sealed class Proceeding : RecordingBuild
    {
        Target Lint => _ => _.ProceedAfterFailure().Executes(Fail("style violations"));
        Target Compile => _ => _.Executes(Record());
        Target Report => _ => _.DependsOn(Lint).Executes(Record());
        Target Publish => _ => _.DependsOn(Report).Executes(Record());
    }

    private sealed class Wrapped : NukeBuild
    {
        Target Sync => _ => _.Executes(() => throw new AggregateException(new InvalidOperationException("inner reason")));
        Target Async => _ => _.Executes(async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("async reason");
        });
    }

    [Fact]
    public async Task A_failure_stops_every_later_target()
    {
        var build = new Failing();
        var plan = await RunAsync(build, "Compile", "Lint", "Test", "Cleanup");
        Assert.Equal(TargetStatus.Failed, Target(plan, "Compile").Status);
        Assert.Equal("compiler error CS0001", Target(plan, "Compile").Note);
        Assert.Equal(TargetStatus.NotRun, Target(plan, "Lint").Status);
        Assert.Equal("an earlier target failed", Target(plan, "Lint").Note);
        Assert.Equal(TargetStatus.NotRun, Target(plan, "Test").Status);
        Assert.Equal("Compile did not succeed", Target(plan, "Test").Note);
    }

    [Fact]
    public async Task Assured_targets_run_after_a_failure()
    {
        var build = new Failing();
        var plan = await RunAsync(build, "Compile", "Lint", "Test", "Cleanup");
        Assert.Equal(["Compile", "Cleanup"], build.Ran);
        Assert.Equal(TargetStatus.Succeeded, Target(plan, "Cleanup").Status);
    }

    [Fact]
    public async Task Proceed_after_failure_lets_independent_targets_run_but_not_dependents()
    {
        var build = new Proceeding();
        var plan = await RunAsync(build, "Lint", "Compile", "Publish");
        Assert.Equal(["Lint", "Compile"], build.Ran);
        Assert.Equal(TargetStatus.Failed, Target(plan, "Lint").Status);
        Assert.Equal(TargetStatus.Succeeded, Target(plan, "Compile").Status);
        Assert.Equal((TargetStatus.NotRun, "Lint did not succeed"), (Target(plan, "Report").Status, Target(plan, "Report").Note));
        Assert.Equal((TargetStatus.NotRun, "Report did not succeed"), (Target(plan, "Publish").Status, Target(plan, "Publish").Note));
    }

    [Fact]
    public async Task The_failure_note_is_the_innermost_reason()
    {
        var plan = await RunAsync(new Wrapped(), "Sync");
        Assert.Equal((TargetStatus.Failed, "inner reason"), (Target(plan, "Sync").Status, Target(plan, "Sync").Note));
    }

    [Fact]
    public async Task An_async_body_that_throws_fails_the_target()
    {
        var plan = await RunAsync(new Wrapped(), "Async");
        Assert.Equal((TargetStatus.Failed, "async reason"), (Target(plan, "Async").Status, Target(plan, "Async").Note));
    }
}
