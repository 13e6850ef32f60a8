namespace AutoPR.LocalEcs.Metrics.Alarms;

/// <summary>What the service scheduler asks of CloudWatch about deployment alarms (ECS polls DescribeAlarms for it).</summary>
public interface IAlarmStates
{
    /// <summary>The alarm of that name, or null when there is none.</summary>
    MetricAlarm? Find(string name);
}
