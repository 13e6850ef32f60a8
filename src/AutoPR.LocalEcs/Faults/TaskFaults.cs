namespace AutoPR.LocalEcs.Faults;

/// <summary>Holds task fault rules per service and hands their environment variables to the next launches.</summary>
public sealed class TaskFaults
{
    private readonly Lock _gate = new();
    private readonly List<TaskFaultRule> _rules = [];

    public IReadOnlyList<TaskFaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    public void Add(TaskFaultRule rule)
    {
        lock (_gate)
        {
            _rules.RemoveAll(r => r.Cluster == rule.Cluster && r.Service == rule.Service);
            _rules.Add(rule);
        }
    }

    public void Clear(string? cluster = null, string? service = null)
    {
        lock (_gate)
        {
            _rules.RemoveAll(r => (cluster is null || r.Cluster == cluster) && (service is null || r.Service == service));
        }
    }

    /// <summary>Environment variables for one task launch of the service; consumes one use of a counted rule.</summary>
    public IReadOnlyDictionary<string, string> TakeForLaunch(string cluster, string service)
    {
        lock (_gate)
        {
            var index = _rules.FindIndex(r => r.Cluster == cluster && r.Service == service);
            if (index < 0)
            {
                return new Dictionary<string, string>();
            }

            var rule = _rules[index];
            if (rule.RemainingTasks is { } remaining)
            {
                if (remaining <= 1)
                {
                    _rules.RemoveAt(index);
                }
                else
                {
                    _rules[index] = rule with { RemainingTasks = remaining - 1 };
                }
            }

            return rule.ToEnvironment();
        }
    }
}
