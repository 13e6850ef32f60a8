using AutoPR.Build.Tests.Support;

namespace AutoPR.Build.Tests.CommandLine;

/// <summary>Ctrl-C (SIGINT): the running target is cancelled, assured targets still run, the exit code is 130 (0 when a target that ends on interrupt was all that ran).</summary>
[Collection(SampleBuildCollection.Name)]
public class SampleInterruptTests(SampleBuildFixture sample)
{
    [Fact]
    public async Task An_interrupt_exits_130_after_running_the_assured_targets()
    {
        var signalled = 0;
        var result = await sample.RunAsync(["Sleep", "Cleanup"], onOutputLine: (line, process) =>
        {
            if (line == "sleep-started" && Interlocked.Exchange(ref signalled, 1) == 0)
            {
                ProcessRunner.Interrupt(process);
            }
        });

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Contains("cleanup-ran", result.Output, StringComparison.Ordinal);
        SummaryTable.AssertRow(result.Output, "Sleep", "Aborted", "interrupted");
        SummaryTable.AssertRow(result.Output, "Cleanup", "Succeeded");
    }

    [Fact]
    public async Task An_interrupt_ends_a_target_that_ends_on_interrupt_as_a_success_with_exit_code_0()
    {
        var signalled = 0;
        var result = await sample.RunAsync(["Follow"], onOutputLine: (line, process) =>
        {
            if (line == "follow-started" && Interlocked.Exchange(ref signalled, 1) == 0)
            {
                ProcessRunner.Interrupt(process);
            }
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        SummaryTable.AssertRow(result.Output, "Follow", "Succeeded", "ended by interrupt");
    }
}
