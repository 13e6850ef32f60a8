using System.Net;
using AutoPR.Service.Shutdown;
using AutoPR.Service.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AutoPR.Service.Tests.InProcess;

/// <summary>The drain step of a stop, driven directly; RealProcess tests send a real SIGTERM.</summary>
public sealed class GracefulDrainTests
{
    [Fact]
    public async Task Stopping_turns_readiness_503_while_requests_are_still_served_until_the_drain_period_ends()
    {
        var time = new FakeTimeProvider();
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["SHUTDOWN_DRAIN_SECONDS"] = "2" }, time);
        using var client = factory.CreateClient();
        var drain = factory.Services.GetServices<IHostedService>().OfType<GracefulDrain>().Single();

        var stopping = drain.StoppingAsync(CancellationToken.None);

        var readiness = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/health/ready"), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("draining", JsonAssert.String(readiness, "status"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        using var work = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, work.StatusCode);
        Assert.True(work.Headers.ConnectionClose, "responses during the drain ask clients to reconnect elsewhere");

        var drained = await FakeClock.AdvanceUntilCompleteAsync(time, stopping, TimeSpan.FromMilliseconds(100));
        Assert.True(drained >= TimeSpan.FromSeconds(2), $"the drain ended after {drained.TotalSeconds} s of fake time");
    }

    [Fact]
    public async Task A_second_stop_does_not_drain_again()
    {
        var time = new FakeTimeProvider();
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["SHUTDOWN_DRAIN_SECONDS"] = "2" }, time);
        using var client = factory.CreateClient();
        var drain = factory.Services.GetServices<IHostedService>().OfType<GracefulDrain>().Single();
        await FakeClock.AdvanceUntilCompleteAsync(time, drain.StoppingAsync(CancellationToken.None), TimeSpan.FromMilliseconds(100));

        // The fake clock does not move: only a stop that skips the delay can complete.
        await drain.StoppingAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_drain_cut_short_by_the_shutdown_timeout_lets_the_stop_continue()
    {
        var time = new FakeTimeProvider();
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["SHUTDOWN_DRAIN_SECONDS"] = "20", ["SHUTDOWN_TIMEOUT_SECONDS"] = "30" }, time);
        using var client = factory.CreateClient();
        var drain = factory.Services.GetServices<IHostedService>().OfType<GracefulDrain>().Single();
        using var timeout = new CancellationTokenSource();

        var stopping = drain.StoppingAsync(timeout.Token);
        await timeout.CancelAsync();

        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(stopping.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Responses_before_a_stop_keep_the_connection_open()
    {
        await using var factory = new ServiceFactory();
        using var client = factory.CreateClient();

        using var work = await client.GetAsync("/");

        Assert.NotEqual(true, work.Headers.ConnectionClose);
    }

    [Theory]
    [InlineData(null, 25)]
    [InlineData("40", 40)]
    [InlineData("7.5", 7.5)]
    public async Task Shutdown_timeout_comes_from_SHUTDOWN_TIMEOUT_SECONDS(string? value, double expectedSeconds)
    {
        var settings = new Dictionary<string, string>();
        if (value is not null)
        {
            settings["SHUTDOWN_TIMEOUT_SECONDS"] = value;
        }

        await using var factory = new ServiceFactory(settings);
        using var client = factory.CreateClient();

        var options = factory.Services.GetRequiredService<IOptions<HostOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), options.ShutdownTimeout);
    }
}
