using System.Globalization;
using AutoPR.Deployment.Aws.Protocol;
using AutoPR.Deployment.Ecs.Views;

namespace AutoPR.Deployment.Rollout;

/// <summary>
/// Where a traffic-shifting deployment stands, in words: "test traffic -> autopr:42", "canary 10 % -> autopr:42",
/// "linear 50 % -> autopr:42", "100 % -> autopr:42", with the bake time left of the step when it has one.
/// </summary>
public sealed record TrafficStep(string Name, TimeSpan? BakeLeft)
{
    /// <summary>"canary 10 % -> autopr:42, bake 3m10s left".</summary>
    public override string ToString() => BakeLeft is { } left ? $"{Name}, bake {Format(left)} left" : Name;

    /// <summary>
    /// The step of <paramref name="deployment"/>, or null outside the traffic shift (or for ROLLING);
    /// <paramref name="stepSince"/> is when the watch saw this stage and weight first.
    /// </summary>
    public static TrafficStep? Of(EcsServiceDeploymentView deployment, string targetLabel, DateTimeOffset stepSince, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var strategy = deployment.Strategy;
        if (strategy is null or "ROLLING" || deployment.TargetServiceRevision is not { } target)
        {
            return null;
        }

        var configuration = JsonRead.GetObject(deployment.Json, "deploymentConfiguration");
        var weight = target.RequestedProductionTrafficWeight ?? 0;
        switch (deployment.LifecycleStage)
        {
            case "TEST_TRAFFIC_SHIFT" or "POST_TEST_TRAFFIC_SHIFT" or "PRE_PRODUCTION_TRAFFIC_SHIFT" when weight <= 0:
                return new TrafficStep($"test traffic -> {targetLabel}", null);
            case "BAKE_TIME":
                return new TrafficStep($"100 % -> {targetLabel}", Left(JsonRead.GetInt(configuration, "bakeTimeInMinutes"), stepSince, now));
        }

        if (weight <= 0)
        {
            return null;
        }

        var percent = weight.ToString("0.#", CultureInfo.InvariantCulture) + " %";
        if (weight >= 100)
        {
            return new TrafficStep($"100 % -> {targetLabel}", null);
        }

        return strategy switch
        {
            "CANARY" => new TrafficStep($"canary {percent} -> {targetLabel}", Left(JsonRead.GetInt(JsonRead.GetObject(configuration, "canaryConfiguration"), "canaryBakeTimeInMinutes"), stepSince, now)),
            "LINEAR" => new TrafficStep($"linear {percent} -> {targetLabel}", Left(JsonRead.GetInt(JsonRead.GetObject(configuration, "linearConfiguration"), "stepBakeTimeInMinutes"), stepSince, now)),
            _ => new TrafficStep($"{percent} -> {targetLabel}", null),
        };
    }

    private static TimeSpan? Left(int? bakeMinutes, DateTimeOffset since, DateTimeOffset now)
    {
        if (bakeMinutes is not > 0)
        {
            return null;
        }

        var left = TimeSpan.FromMinutes(bakeMinutes.Value) - (now - since);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    // Whole 10 s steps, rounded up: the progress line changes at most every 10 s while a step bakes.
    private static string Format(TimeSpan left)
    {
        var seconds = (int)Math.Ceiling(left.TotalSeconds / 10) * 10;
        return seconds >= 60
            ? $"{(seconds / 60).ToString(CultureInfo.InvariantCulture)}m{(seconds % 60).ToString("00", CultureInfo.InvariantCulture)}s"
            : $"{seconds.ToString(CultureInfo.InvariantCulture)}s";
    }
}
