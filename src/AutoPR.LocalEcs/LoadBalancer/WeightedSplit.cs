namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>
/// Picks each request's target group by the route's weights. A counter, not a random draw: of any run of
/// consecutive requests green gets its percent give or take one request, so a 10 % canary is 10 % even over
/// twenty requests, and a test that counts them can rely on it.
/// </summary>
public sealed class WeightedSplit
{
    private long _requests;

    public string Choose(ListenerRoute route)
    {
        if (route.GreenTargetGroupArn is not { } green || route.GreenPercent <= 0)
        {
            return route.TargetGroupArn;
        }

        if (route.GreenPercent >= 100)
        {
            return green;
        }

        // ECS weights are multiples of 0.1 %: count in thousandths. Request n goes to green when the
        // running share floor(n * weight) steps up, which spreads green's requests evenly.
        var weight = (long)Math.Round(route.GreenPercent * 10);
        var n = Interlocked.Increment(ref _requests);
        return n * weight / 1000 > (n - 1) * weight / 1000 ? green : route.TargetGroupArn;
    }
}
