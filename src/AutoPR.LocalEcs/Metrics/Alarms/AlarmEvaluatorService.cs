using AutoPR.LocalEcs.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoPR.LocalEcs.Metrics.Alarms;

/// <summary>Evaluates every alarm each poll interval (a state only changes when a period closes) and stores the transitions.</summary>
public sealed class AlarmEvaluatorService(AlarmStore alarms, MetricRecorder recorder, LocalEcsOptions options, TimeProvider time, ILogger<AlarmEvaluatorService> logger) : BackgroundService
{
    /// <summary>One evaluation of every alarm; returns how many changed state.</summary>
    public int EvaluateAll()
    {
        var now = time.GetUtcNow();
        var changes = new List<(MetricAlarm, MetricAlarm)>();
        foreach (var alarm in alarms.All())
        {
            var next = AlarmEvaluation.Evaluate(alarm, recorder, now, options.Scale(TimeSpan.FromSeconds(alarm.Period)));
            if (!ReferenceEquals(next, alarm))
            {
                logger.LogInformation("Alarm {Alarm} is {State}: {Reason}", alarm.AlarmName, next.StateValue, next.StateReason);
                changes.Add((alarm, next));
            }
        }

        alarms.UpdateStates(changes);
        return changes.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval, time);
        do
        {
            try
            {
                EvaluateAll();
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested && error is IOException or InvalidOperationException)
            {
                logger.LogWarning(error, "Alarm evaluation failed; retrying");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
