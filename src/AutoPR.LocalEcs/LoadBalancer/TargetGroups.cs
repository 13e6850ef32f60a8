using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.LocalEcs.LoadBalancer;

/// <summary>
/// All target groups and their targets. Routing picks healthy targets round-robin; when none is healthy
/// but some are unhealthy it fails open to those, as Application Load Balancers do.
/// </summary>
public sealed class TargetGroups(ILogger<TargetGroups>? logger = null)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, Target>> _groups = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger<TargetGroups>.Instance;
    private int _cursor;

    public void Register(string targetGroupArn, string taskId, string host, int port, bool knownHealthy = false)
    {
        lock (_gate)
        {
            var group = _groups.TryGetValue(targetGroupArn, out var existing) ? existing : _groups[targetGroupArn] = new(StringComparer.Ordinal);
            if (!group.TryGetValue(taskId, out var target) || target.State == TargetHealthState.Draining)
            {
                group[taskId] = new Target(taskId, host, port) { State = knownHealthy ? TargetHealthState.Healthy : TargetHealthState.Initial };
            }
        }
    }

    public void Deregister(string targetGroupArn, string taskId)
    {
        lock (_gate)
        {
            if (_groups.TryGetValue(targetGroupArn, out var group) && group.TryGetValue(taskId, out var target))
            {
                target.State = TargetHealthState.Draining;
            }
        }
    }

    public void Remove(string targetGroupArn, string taskId)
    {
        lock (_gate)
        {
            if (_groups.TryGetValue(targetGroupArn, out var group))
            {
                group.Remove(taskId);
            }
        }
    }

    public TargetHealthState Health(string targetGroupArn, string taskId)
    {
        lock (_gate)
        {
            return _groups.TryGetValue(targetGroupArn, out var group) && group.TryGetValue(taskId, out var target)
                ? target.State
                : TargetHealthState.Unused;
        }
    }

    /// <summary>Why the target is not healthy (the last failed health check), as DescribeTargetHealth's description says it.</summary>
    public string? Reason(string targetGroupArn, string taskId)
    {
        lock (_gate)
        {
            return _groups.TryGetValue(targetGroupArn, out var group) && group.TryGetValue(taskId, out var target) && target.State != TargetHealthState.Healthy
                ? target.LastFailure
                : null;
        }
    }

    public int InFlight(string targetGroupArn, string taskId)
    {
        lock (_gate)
        {
            return _groups.TryGetValue(targetGroupArn, out var group) && group.TryGetValue(taskId, out var target) ? target.InFlight : 0;
        }
    }

    /// <summary>Picks a target for one request and counts it in flight; the caller must call <see cref="Target.Leave"/>.</summary>
    public Target? Acquire(string targetGroupArn)
    {
        lock (_gate)
        {
            if (!_groups.TryGetValue(targetGroupArn, out var group))
            {
                return null;
            }

            var candidates = group.Values.Where(t => t.State == TargetHealthState.Healthy).ToList();
            if (candidates.Count == 0)
            {
                // Failing open reaches the tasks' own processes on AWS; a target whose address another process holds would not be one.
                candidates = [.. group.Values.Where(t => t.State == TargetHealthState.Unhealthy && !t.ListenerIsForeign)];
            }

            if (candidates.Count == 0)
            {
                return null;
            }

            var target = candidates[(int)((uint)_cursor++ % (uint)candidates.Count)];
            target.Enter();
            return target;
        }
    }

    /// <summary>Targets that health checks should probe (everything not draining).</summary>
    public IReadOnlyList<(string TargetGroupArn, Target Target)> CheckableTargets()
    {
        lock (_gate)
        {
            return [.. _groups.SelectMany(g => g.Value.Values.Where(t => t.State != TargetHealthState.Draining).Select(t => (g.Key, t)))];
        }
    }

    /// <summary>Applies one health-check result with the healthy/unhealthy thresholds.</summary>
    /// <param name="foreignListener">The check failed because another process, not the task, listens at the target's address.</param>
    public void ReportCheck(string targetGroupArn, Target target, bool success, string? failure, int healthyThreshold, int unhealthyThreshold, bool foreignListener = false)
    {
        lock (_gate)
        {
            if (!_groups.TryGetValue(targetGroupArn, out var group) || !group.TryGetValue(target.TaskId, out var current)
                || !ReferenceEquals(current, target) || target.State == TargetHealthState.Draining)
            {
                return;
            }

            var before = target.State;
            target.ListenerIsForeign = !success && foreignListener;
            if (success)
            {
                target.ConsecutiveFailures = 0;
                target.ConsecutiveSuccesses++;
                if (target.State != TargetHealthState.Healthy && target.ConsecutiveSuccesses >= healthyThreshold)
                {
                    target.State = TargetHealthState.Healthy;
                }
            }
            else
            {
                target.ConsecutiveSuccesses = 0;
                target.ConsecutiveFailures++;
                target.LastFailure = failure;
                if (target.State != TargetHealthState.Unhealthy && target.ConsecutiveFailures >= unhealthyThreshold)
                {
                    target.State = TargetHealthState.Unhealthy;
                }
            }

            if (before != target.State)
            {
                _logger.LogInformation("Target {Task} ({Host}:{Port}) in {TargetGroup}: {Before} -> {After}{Reason}", target.TaskId, target.Host, target.Port, targetGroupArn, before, target.State, success ? string.Empty : $" ({failure})");
            }
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<(string TaskId, string Endpoint, TargetHealthState State)>> Snapshot()
    {
        lock (_gate)
        {
            return _groups.ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<(string, string, TargetHealthState)>)[.. g.Value.Values.Select(t => (t.TaskId, $"{t.Host}:{t.Port}", t.State))],
                StringComparer.Ordinal);
        }
    }
}
