using System.Globalization;

namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>Where a listener sends requests: <see cref="GreenPercent"/> of them to the green target group, the rest to <see cref="TargetGroupArn"/>.</summary>
public sealed record ListenerRoute(string TargetGroupArn, string? GreenTargetGroupArn = null, double GreenPercent = 0)
{
    /// <summary>Both target groups get requests.</summary>
    public bool IsSplit => GreenTargetGroupArn is not null && GreenPercent is > 0 and < 100;

    /// <summary>For the logs: "to GROUP", or "90.0 % to BLUE and 10.0 % to GREEN".</summary>
    public override string ToString() => IsSplit
        ? string.Create(CultureInfo.InvariantCulture, $"{100 - GreenPercent:0.0} % to {TargetGroupArn} and {GreenPercent:0.0} % to {GreenTargetGroupArn}")
        : "to " + (GreenPercent >= 100 && GreenTargetGroupArn is { } green ? green : TargetGroupArn);
}
