using AutoPR.LocalEcs.Metrics;
using AutoPR.LocalEcs.Metrics.Alarms;
using AutoPR.LocalEcs.State;
using Microsoft.Extensions.Time.Testing;

namespace AutoPR.LocalEcs.Tests.Units;

/// <summary>CloudWatch alarm evaluation over recorded request samples, with a fake clock.</summary>
public sealed class AlarmEvaluationTests : IDisposable
{
    private const string Group = "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/autopr/0123456789abcdef";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly MetricRecorder _recorder;
    private readonly string _directory = Directory.CreateTempSubdirectory("localecs-alarms-").FullName;

    public AlarmEvaluationTests() => _recorder = new MetricRecorder(_time);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Five_errors_in_a_period_cross_the_threshold_and_the_next_quiet_period_is_OK_again()
    {
        var alarm = Alarm() with { StateValue = AlarmStates.Ok, StateReason = "evaluated before" };
        _time.Advance(TimeSpan.FromSeconds(2));
        Record(500, 5);
        Record(200, 20);

        // The period that holds them has not closed: still unchecked.
        Assert.Same(alarm, Evaluate(alarm));
        _time.Advance(TimeSpan.FromSeconds(8));
        var firing = Evaluate(alarm);

        Assert.Equal(AlarmStates.Alarm, firing.StateValue);
        Assert.Equal("Threshold Crossed: 1 datapoint [5.0 (01/01/26 12:00:00)] was greater than the threshold (2.0).", firing.StateReason);
        Assert.Equal(_time.GetUtcNow(), firing.StateUpdatedAt);
        Assert.Contains("\"recentDatapoints\":[5]", firing.StateReasonData, StringComparison.Ordinal);

        // Same state: nothing changes, the reason stays the transition's.
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Same(firing, Evaluate(firing));

        _time.Advance(TimeSpan.FromSeconds(10));
        var quiet = Evaluate(firing);
        Assert.Equal(AlarmStates.Ok, quiet.StateValue);
        Assert.Equal("Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].", quiet.StateReason);
    }

    [Fact]
    public void Missing_data_is_insufficient_unless_told_otherwise_and_other_target_groups_do_not_count()
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        _recorder.Record(Group.Replace("autopr/", "other/", StringComparison.Ordinal), 500, TimeSpan.Zero, fromTarget: true);
        _time.Advance(TimeSpan.FromSeconds(10));

        var missing = Evaluate(Alarm() with { TreatMissingData = "missing", StateValue = AlarmStates.Ok });
        Assert.Equal(AlarmStates.InsufficientData, missing.StateValue);
        Assert.Equal("Insufficient Data: 1 datapoint was unknown.", missing.StateReason);

        Assert.Equal(AlarmStates.Alarm, Evaluate(Alarm() with { TreatMissingData = "breaching" }).StateValue);
        var ignored = Alarm() with { TreatMissingData = "ignore", StateValue = AlarmStates.Alarm, StateReason = "evaluated before" };
        Assert.Same(ignored, Evaluate(ignored));
    }

    [Fact]
    public void M_out_of_N_needs_that_many_breaching_periods_and_percentiles_and_latency_work()
    {
        var twoOfThree = Alarm() with { EvaluationPeriods = 3, DatapointsToAlarm = 2 };
        Record(500, 5);
        _time.Advance(TimeSpan.FromSeconds(10));
        Record(200, 5);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(AlarmStates.Ok, Evaluate(twoOfThree).StateValue);

        Record(500, 3);
        _time.Advance(TimeSpan.FromSeconds(10));
        var firing = Evaluate(twoOfThree);
        Assert.Equal(AlarmStates.Alarm, firing.StateValue);
        Assert.StartsWith("Threshold Crossed: 2 out of the last 3 datapoints [3.0 (01/01/26 12:00:20), 0.0 (01/01/26 12:00:10), 5.0 (01/01/26 12:00:00)] were greater than the threshold (2.0) (minimum 2 datapoints for OK -> ALARM transition).", firing.StateReason, StringComparison.Ordinal);

        for (var i = 0; i < 99; i++)
        {
            _recorder.Record(Group, 200, TimeSpan.FromMilliseconds(50), fromTarget: true);
        }

        _recorder.Record(Group, 200, TimeSpan.FromSeconds(3), fromTarget: true);
        _time.Advance(TimeSpan.FromSeconds(10));
        var latency = Alarm() with { MetricName = "TargetResponseTime", Statistic = null, ExtendedStatistic = "p99", Threshold = 2 };
        Assert.Equal(AlarmStates.Ok, Evaluate(latency).StateValue);
        Assert.Equal(AlarmStates.Alarm, Evaluate(latency with { ExtendedStatistic = "p100" }).StateValue);
    }

    [Fact]
    public void The_first_evaluation_replaces_the_unchecked_reason_even_without_a_transition()
    {
        _time.Advance(TimeSpan.FromSeconds(10));

        var evaluated = Evaluate(Alarm() with { TreatMissingData = "missing" });

        Assert.Equal(AlarmStates.InsufficientData, evaluated.StateValue);
        Assert.Equal("Insufficient Data: 1 datapoint was unknown.", evaluated.StateReason);
        Assert.Same(evaluated, Evaluate(evaluated));
    }

    [Fact]
    public void The_time_scale_shortens_the_period()
    {
        Record(500, 5);
        _time.Advance(TimeSpan.FromSeconds(1));

        // Period 10 s at time scale 0.1: a one-second period, closed already.
        Assert.Equal(AlarmStates.Alarm, AlarmEvaluation.Evaluate(Alarm(), _recorder, _time.GetUtcNow(), TimeSpan.FromSeconds(1)).StateValue);
        Assert.Equal(AlarmStates.Ok, Evaluate(Alarm()).StateValue);
    }

    [Fact]
    public void Alarms_and_their_states_survive_a_restart()
    {
        var files = new StateFiles(_directory);
        var store = new AlarmStore(files);
        var alarm = store.Put("a", _ => Alarm());
        store.UpdateStates([(alarm, alarm with { StateValue = AlarmStates.Alarm, StateReason = "because" })]);

        var reloaded = new AlarmStore(files).Find("a");

        Assert.Equal(AlarmStates.Alarm, reloaded!.StateValue);
        Assert.Equal("because", reloaded.StateReason);
        Assert.Equal("targetgroup/autopr/0123456789abcdef", reloaded.Dimensions[0].Value);
        // CloudWatch deletes none when one name does not exist.
        Assert.Equal(["b"], new AlarmStore(files).DeleteAll(["a", "b"]));
        Assert.NotNull(new AlarmStore(files).Find("a"));
        Assert.Empty(new AlarmStore(files).DeleteAll(["a"]));
        Assert.Null(new AlarmStore(files).Find("a"));
    }

    private MetricAlarm Evaluate(MetricAlarm alarm) => AlarmEvaluation.Evaluate(alarm, _recorder, _time.GetUtcNow(), TimeSpan.FromSeconds(alarm.Period));

    private void Record(int status, int count)
    {
        for (var i = 0; i < count; i++)
        {
            _recorder.Record(Group, status, TimeSpan.FromMilliseconds(5), fromTarget: true);
        }
    }

    private MetricAlarm Alarm() => new()
    {
        AlarmName = "a",
        AlarmArn = "arn:aws:cloudwatch:us-east-1:000000000000:alarm:a",
        Namespace = "AWS/ApplicationELB",
        MetricName = "HTTPCode_Target_5XX_Count",
        Dimensions = [new AlarmDimension("TargetGroup", "targetgroup/autopr/0123456789abcdef")],
        Statistic = "Sum",
        Period = 10,
        EvaluationPeriods = 1,
        DatapointsToAlarm = 1,
        Threshold = 2,
        ComparisonOperator = "GreaterThanThreshold",
        TreatMissingData = "notBreaching",
        ConfigurationUpdatedAt = _time.GetUtcNow(),
        StateUpdatedAt = _time.GetUtcNow(),
    };
}
