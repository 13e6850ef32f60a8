using AutoPR.LocalEcs.LoadBalancer;

namespace AutoPR.LocalEcs.Tests.Units;

/// <summary>The listener's weighted choice between blue and green: exact proportions even over few requests.</summary>
public sealed class WeightedSplitTests
{
    private const string Blue = "blue";
    private const string Green = "green";

    [Theory]
    [InlineData(10.0, 20, 2)]
    [InlineData(10.0, 100, 10)]
    [InlineData(5.0, 40, 2)]
    [InlineData(25.0, 8, 2)]
    [InlineData(33.3, 1000, 333)]
    [InlineData(0.1, 1000, 1)]
    [InlineData(99.9, 1000, 999)]
    public void Green_gets_its_share_of_any_number_of_requests(double percent, int requests, int expected)
    {
        var split = new WeightedSplit();
        var route = new ListenerRoute(Blue, Green, percent);

        var green = Enumerable.Range(0, requests).Count(_ => split.Choose(route) == Green);

        Assert.Equal(expected, green);
    }

    [Fact]
    public void Green_requests_are_spread_evenly_not_bunched()
    {
        var split = new WeightedSplit();
        var route = new ListenerRoute(Blue, Green, 20.0);

        var choices = Enumerable.Range(0, 50).Select(_ => split.Choose(route)).ToList();

        // Every window of five consecutive requests holds exactly one green one.
        Assert.All(Enumerable.Range(0, 46), start => Assert.Equal(1, choices.Skip(start).Take(5).Count(c => c == Green)));
    }

    [Fact]
    public void Without_a_green_share_every_request_goes_to_the_production_group_and_at_100_percent_to_green()
    {
        var split = new WeightedSplit();

        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(Blue, split.Choose(new ListenerRoute(Blue))));
        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(Blue, split.Choose(new ListenerRoute(Blue, Green, 0))));
        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(Green, split.Choose(new ListenerRoute(Blue, Green, 100))));
    }

    [Fact]
    public async Task Concurrent_requests_still_get_the_exact_share()
    {
        var split = new WeightedSplit();
        var route = new ListenerRoute(Blue, Green, 10.0);

        var counts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Enumerable.Range(0, 2500).Count(_ => split.Choose(route) == Green))));

        Assert.Equal(1000, counts.Sum());
    }
}
