using AutoPR.Deployment.Rollout;

namespace AutoPR.Deployment.Verification;

/// <summary>A check reached its verdict.</summary>
public sealed record VerificationCheckCompleted(DateTimeOffset Time, VerificationCheck Check) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => "verify: " + Check;
}

/// <summary>A measurement during verification (a health probe result, the metrics so far in the bake window).</summary>
public sealed record VerificationObserved(DateTimeOffset Time, string Text) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => "verify: " + Text;
}

/// <summary>A verification ended; <see cref="Report"/> holds every check with its observed value and threshold.</summary>
public sealed record VerificationFinished(DateTimeOffset Time, VerificationReport Report) : DeploymentEvent(Time)
{
    /// <inheritdoc />
    public override string Message => Report.ToText();
}
