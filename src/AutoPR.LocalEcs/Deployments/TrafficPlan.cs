using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// The production traffic steps of a traffic-shifting strategy (green's share after each step, in percent) and
/// the wait between steps, before --time-scale: BLUE_GREEN 100 at once; CANARY canaryPercent, canaryBakeTimeInMinutes,
/// then 100; LINEAR stepPercent more every stepBakeTimeInMinutes until 100 (no wait after 100).
/// </summary>
public sealed record TrafficPlan(IReadOnlyList<double> Steps, TimeSpan BakeBetweenSteps)
{
    public static TrafficPlan For(DeploymentSettings settings) => settings.Strategy switch
    {
        "CANARY" when settings.Canary is { } canary => Canary(canary),
        "LINEAR" when settings.Linear is { } linear => Linear(linear),
        _ => new TrafficPlan([100.0], TimeSpan.Zero),
    };

    private static TrafficPlan Canary(CanarySettings canary) =>
        new(canary.CanaryPercent >= 100 ? [100.0] : [canary.CanaryPercent, 100.0], TimeSpan.FromMinutes(canary.CanaryBakeTimeInMinutes));

    private static TrafficPlan Linear(LinearSettings linear)
    {
        // Counted in tenths of a percent (ECS's granularity), so 33.3 % steps add up without rounding drift.
        var step = (int)Math.Round(linear.StepPercent * 10);
        var steps = new List<double>();
        for (var share = step; share < 1000; share += step)
        {
            steps.Add(share / 10.0);
        }

        steps.Add(100.0);
        return new TrafficPlan(steps, TimeSpan.FromMinutes(linear.StepBakeTimeInMinutes));
    }
}
