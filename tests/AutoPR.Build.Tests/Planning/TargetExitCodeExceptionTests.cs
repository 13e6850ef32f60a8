using AutoPR.Build.Tests.Support;
using static AutoPR.Build.Tests.Support.PlanHarness;

namespace AutoPR.Build.Tests.Planning;

public class TargetExitCodeExceptionTests
{
    private sealed class OneOff : RecordingBuild
    {
        Target RunTask => _ => _.Executes(() =>
        {
            Ran.Add(nameof(RunTask));
            throw new TargetExitCodeException(3, "one-off task exited 3");
        });
    }

    [Fact]
    public async Task Throwing_it_fails_the_target_with_its_exit_code_and_message()
    {
        var plan = await RunAsync(new OneOff(), "RunTask");
        var target = Target(plan, "RunTask");
        Assert.Equal((TargetStatus.Failed, 3, "one-off task exited 3"), (target.Status, target.ExitCode, target.Note));
    }

    [Fact]
    public void An_exit_code_that_means_success_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TargetExitCodeException(0, "fine"));
}
