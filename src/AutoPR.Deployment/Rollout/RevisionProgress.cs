using System.Globalization;
using System.Text;
using AutoPR.Deployment.History;

namespace AutoPR.Deployment.Rollout;

/// <summary>One task-definition revision taking part in a rollout: its tasks and, for blue/green, its share of production traffic.</summary>
public sealed record RevisionProgress(string TaskDefinitionArn, bool IsTarget, int Running, int Desired, int Pending, int Failed, double? TrafficPercent)
{
    /// <summary>Whether the rollout is a rollback (the target is the revision gone back to).</summary>
    public bool IsRollback { get; init; }

    /// <summary>"family:revision".</summary>
    public string Label => $"{DeploymentRecord.FamilyOf(TaskDefinitionArn)}:{DeploymentRecord.RevisionOf(TaskDefinitionArn).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"new autopr-local:7 1/2 running, 1 pending, traffic 0%" ("back to"/"leaving" in a rollback).</summary>
    public override string ToString()
    {
        var text = new StringBuilder()
            .Append(IsRollback ? (IsTarget ? "back to " : "leaving ") : (IsTarget ? "new " : "old "))
            .Append(Label).Append(' ')
            .Append(Running.ToString(CultureInfo.InvariantCulture)).Append('/').Append(Desired.ToString(CultureInfo.InvariantCulture)).Append(" running");
        if (Pending > 0)
        {
            text.Append(", ").Append(Pending.ToString(CultureInfo.InvariantCulture)).Append(" pending");
        }

        if (Failed > 0)
        {
            text.Append(", ").Append(Failed.ToString(CultureInfo.InvariantCulture)).Append(" failed");
        }

        if (TrafficPercent is { } traffic)
        {
            text.Append(", traffic ").Append(traffic.ToString("0.#", CultureInfo.InvariantCulture)).Append('%');
        }

        return text.ToString();
    }
}
