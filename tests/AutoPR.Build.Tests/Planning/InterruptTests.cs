using AutoPR.Build.Tests.Support;
using static AutoPR.Build.Tests.Support.PlanHarness;

namespace AutoPR.Build.Tests.Planning;

/// <summary>The first interrupt (Ctrl-C) cancels the running target; the second (hard stop) also stops assured targets.</summary>
public class InterruptTests
{
    private sealed class Deployment(CancellationTokenSource interrupt, CancellationTokenSource hardStop) : RecordingBuild
    {
        Target Deploy => _ => _.Executes(async ct =>
        {
            Ran.Add(nameof(Deploy));
            await interrupt.CancelAsync();
            await Task.Delay(Timeout.Infinite, ct);
        });

        Target Verify => _ => _.DependsOn(Deploy).Executes(Record());
        Target Notify => _ => _.After(Deploy).Executes(Record());
        Target Rollback => _ => _.After(Deploy, Verify, Notify).AssuredAfterFailure().Executes(Record());

        /// <summary>An assured target that is itself running when the interrupt comes.</summary>
        Target Restore => _ => _.AssuredAfterFailure().Executes(async ct =>
        {
            await interrupt.CancelAsync();
            ct.ThrowIfCancellationRequested();
            Ran.Add(nameof(Restore));
        });

        Target HardStopped => _ => _.AssuredAfterFailure().Executes(async ct =>
        {
            await interrupt.CancelAsync();
            await hardStop.CancelAsync();
            ct.ThrowIfCancellationRequested();
            Ran.Add(nameof(HardStopped));
        });
    }

    private static async Task<(RecordingBuild Build, ExecutionPlan Plan)> RunAsync(params string[] targets)
    {
        using var interrupt = new CancellationTokenSource();
        using var hardStop = new CancellationTokenSource();
        var build = new Deployment(interrupt, hardStop);
        var plan = await PlanHarness.RunAsync(build, SkipRequest.None, interrupt.Token, hardStop.Token, targets);
        return (build, plan);
    }

    [Fact]
    public async Task An_interrupt_aborts_the_running_target_and_stops_the_rest()
    {
        var (_, plan) = await RunAsync("Deploy", "Verify", "Notify", "Rollback");
        Assert.Equal((TargetStatus.Aborted, "interrupted"), (Target(plan, "Deploy").Status, Target(plan, "Deploy").Note));
        Assert.Equal((TargetStatus.NotRun, "build interrupted"), (Target(plan, "Verify").Status, Target(plan, "Verify").Note));
        Assert.Equal((TargetStatus.NotRun, "build interrupted"), (Target(plan, "Notify").Status, Target(plan, "Notify").Note));
    }

    [Fact]
    public async Task Assured_targets_run_after_an_interrupt()
    {
        var (build, plan) = await RunAsync("Deploy", "Verify", "Notify", "Rollback");
        Assert.Equal(["Deploy", "Rollback"], build.Ran);
        Assert.Equal(TargetStatus.Succeeded, Target(plan, "Rollback").Status);
    }

    [Fact]
    public async Task An_assured_target_running_when_the_interrupt_comes_is_not_cut_short()
    {
        var (build, plan) = await RunAsync("Restore");
        Assert.Equal(TargetStatus.Succeeded, Target(plan, "Restore").Status);
        Assert.Equal(["Restore"], build.Ran);
    }

    [Fact]
    public async Task A_hard_stop_aborts_assured_targets_too()
    {
        var (build, plan) = await RunAsync("HardStopped");
        Assert.Equal(TargetStatus.Aborted, Target(plan, "HardStopped").Status);
        Assert.Empty(build.Ran);
    }
}
