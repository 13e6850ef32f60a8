namespace AutoPR.LocalEcs.Metrics;

/// <summary>Keeps recent request samples per target group (three hours), the raw material of the ALB metrics.</summary>
public sealed class MetricRecorder(TimeProvider time)
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(3);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<RequestSample>> _samples = new(StringComparer.Ordinal);

    public void Record(string targetGroupArn, int statusCode, TimeSpan elapsed, bool fromTarget)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var list = _samples.TryGetValue(targetGroupArn, out var existing) ? existing : _samples[targetGroupArn] = [];
            list.Add(new RequestSample(now, statusCode, elapsed.TotalSeconds, fromTarget));
            if (list.Count % 1024 == 0)
            {
                list.RemoveAll(s => now - s.Time > Retention);
            }
        }
    }

    /// <summary>Samples of the target groups that <paramref name="matches"/> selects, between the two times.</summary>
    public IReadOnlyList<RequestSample> Query(Func<string, bool> matches, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            return [.. _samples.Where(g => matches(g.Key)).SelectMany(g => g.Value).Where(s => s.Time >= from && s.Time < to)];
        }
    }
}
