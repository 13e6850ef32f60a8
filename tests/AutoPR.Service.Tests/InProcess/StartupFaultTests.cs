using System.Net;
using AutoPR.Service.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AutoPR.Service.Tests.InProcess;

/// <summary>Crash and start-delay faults in memory; RealProcess tests check the real exit code and listening.</summary>
public sealed class StartupFaultTests
{
    [Fact]
    public async Task Crash_on_start_zero_terminates_with_code_3_during_startup()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_CRASH_ON_START"] = "0" });

        using var client = factory.CreateClient();

        Assert.Equal([3], factory.Terminator.ExitCodes);
    }

    [Fact]
    public async Task Crash_on_start_after_seconds_terminates_with_code_3_only_when_that_time_has_passed()
    {
        var time = new FakeTimeProvider();
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_CRASH_ON_START"] = "5" }, time);
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Empty(factory.Terminator.ExitCodes);

        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal([3], factory.Terminator.ExitCodes);
    }

    [Fact]
    public async Task Without_crash_fault_nothing_terminates()
    {
        var time = new FakeTimeProvider();
        await using var factory = new ServiceFactory(time: time);
        using var client = factory.CreateClient();

        time.Advance(TimeSpan.FromHours(1));

        Assert.Empty(factory.Terminator.ExitCodes);
    }

    [Fact]
    public async Task Start_delay_holds_startup_for_the_configured_seconds()
    {
        var time = new FakeTimeProvider();
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_START_DELAY_SECONDS"] = "3" }, time);

        var startup = Task.Run(factory.CreateClient);
        var waited = await FakeClock.AdvanceUntilCompleteAsync(time, startup, TimeSpan.FromMilliseconds(250));

        using var client = await startup;
        Assert.True(waited >= TimeSpan.FromSeconds(3), $"startup completed after {waited.TotalSeconds} s of fake time");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
