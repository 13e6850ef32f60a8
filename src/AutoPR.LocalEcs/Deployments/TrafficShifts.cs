using System.Globalization;
using AutoPR.LocalEcs.Ecs.Model;

namespace AutoPR.LocalEcs.Deployments;

/// <summary>
/// The traffic moves of a traffic-shifting deployment, each with the service event a human reads: test traffic
/// to green, a production step to green, and everything back to blue at once.
/// </summary>
public static class TrafficShifts
{
    public static void ShiftTest(ReconcilePass pass, ServiceRecord service, DeploymentRecord green, ServiceDeploymentRecord rollout)
    {
        service.GreenTargetGroupArn = green.TargetGroupArn;
        service.GreenProductionPercent = 0;
        rollout.TestTrafficWeight = 100;
        if (service.TestListenerAddress is not null)
        {
            pass.Events(service).Messages.Add($"(deployment {green.Id}) shifted test traffic to (target-group {green.TargetGroupArn}).");
        }
    }

    /// <summary>Gives green <paramref name="percent"/> of production traffic; at 100 green becomes the production target group.</summary>
    public static void ShiftProduction(ReconcilePass pass, ServiceRecord service, DeploymentRecord green, ServiceDeploymentRecord rollout, double percent)
    {
        rollout.ProductionTrafficWeight = percent;
        if (percent >= 100)
        {
            service.ProductionTargetGroupArn = green.TargetGroupArn;
            service.GreenTargetGroupArn = null;
            service.GreenProductionPercent = 0;
            rollout.TrafficShiftedAt = pass.Now;
            pass.Events(service).Messages.Add($"(deployment {green.Id}) shifted production traffic to (target-group {green.TargetGroupArn}).");
            return;
        }

        service.GreenTargetGroupArn = green.TargetGroupArn;
        service.GreenProductionPercent = percent;
        pass.Events(service).Messages.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"(deployment {green.Id}) shifted {percent:0.0} % of production traffic to (target-group {green.TargetGroupArn}); {100 - percent:0.0} % stays on (target-group {service.ProductionTargetGroupArn})."));
    }

    /// <summary>All production and test traffic to <paramref name="blueTargetGroupArn"/> in one move; the event says what moved back. False when nothing had moved.</summary>
    public static bool BackToBlue(ServiceRecord service, string blueTargetGroupArn, Action<string> report)
    {
        var production = service.ProductionTargetGroupArn != blueTargetGroupArn || service is { GreenTargetGroupArn: not null, GreenProductionPercent: > 0 };
        var test = service.TestListenerAddress is not null && service.TestTargetGroupArn != blueTargetGroupArn;
        service.ProductionTargetGroupArn = blueTargetGroupArn;
        service.GreenTargetGroupArn = null;
        service.GreenProductionPercent = 0;
        var moved = (production, test) switch
        {
            (true, true) => "production and test traffic",
            (true, false) => "production traffic",
            (false, true) => "test traffic",
            _ => null,
        };
        if (moved is not null)
        {
            report($"shifted {moved} back to (target-group {blueTargetGroupArn}).");
        }

        return moved is not null;
    }
}
