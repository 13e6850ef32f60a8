using System.Text.Json;
using AutoPR.LocalEcs.State;

namespace AutoPR.LocalEcs.Metrics.Alarms;

/// <summary>
/// The CloudWatch alarms LocalEcs evaluates: alarms.json in the state directory, written before a change is answered,
/// read back after a restart (states included). The reconciler reads states from here, as ECS polls DescribeAlarms.
/// </summary>
public sealed class AlarmStore : IAlarmStates
{
    private readonly Lock _gate = new();
    private readonly string _file;
    private Dictionary<string, MetricAlarm>? _alarms;

    public AlarmStore(StateFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        _file = files.Alarms;
    }

    /// <summary>Every alarm, by name (ordinal order, as DescribeAlarms lists them).</summary>
    public IReadOnlyList<MetricAlarm> All()
    {
        lock (_gate)
        {
            return [.. Loaded().Values.OrderBy(a => a.AlarmName, StringComparer.Ordinal)];
        }
    }

    public MetricAlarm? Find(string name)
    {
        lock (_gate)
        {
            return Loaded().GetValueOrDefault(name);
        }
    }

    /// <summary>Creates or replaces an alarm through <paramref name="change"/>, which gets the current one (or null).</summary>
    public MetricAlarm Put(string name, Func<MetricAlarm?, MetricAlarm> change)
    {
        lock (_gate)
        {
            var alarms = Loaded();
            var changed = change(alarms.GetValueOrDefault(name));
            alarms[name] = changed;
            Write(alarms);
            return changed;
        }
    }

    /// <summary>Deletes all of <paramref name="names"/>, or none: the names that do not exist, when some do not.</summary>
    public IReadOnlyList<string> DeleteAll(IReadOnlyList<string> names)
    {
        lock (_gate)
        {
            var alarms = Loaded();
            var missing = names.Where(n => !alarms.ContainsKey(n)).ToList();
            if (missing.Count > 0)
            {
                return missing;
            }

            foreach (var name in names)
            {
                alarms.Remove(name);
            }

            Write(alarms);
            return [];
        }
    }

    /// <summary>Applies new states (the evaluator's); an alarm deleted or reconfigured meanwhile keeps what it has.</summary>
    public void UpdateStates(IReadOnlyList<(MetricAlarm Evaluated, MetricAlarm Next)> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            var alarms = Loaded();
            var written = false;
            foreach (var (evaluated, next) in changes)
            {
                if (alarms.TryGetValue(evaluated.AlarmName, out var current) && current.ConfigurationUpdatedAt == evaluated.ConfigurationUpdatedAt)
                {
                    alarms[evaluated.AlarmName] = next;
                    written = true;
                }
            }

            if (written)
            {
                Write(alarms);
            }
        }
    }

    private Dictionary<string, MetricAlarm> Loaded()
    {
        if (_alarms is not null)
        {
            return _alarms;
        }

        _alarms = new Dictionary<string, MetricAlarm>(StringComparer.Ordinal);
        if (File.Exists(_file))
        {
            foreach (var alarm in JsonSerializer.Deserialize<List<MetricAlarm>>(File.ReadAllText(_file), StateJson.Options) ?? [])
            {
                _alarms[alarm.AlarmName] = alarm;
            }
        }

        return _alarms;
    }

    private void Write(Dictionary<string, MetricAlarm> alarms) =>
        AtomicFile.WriteAllText(_file, JsonSerializer.Serialize(alarms.Values.OrderBy(a => a.AlarmName, StringComparer.Ordinal).ToList(), StateJson.Options));
}
