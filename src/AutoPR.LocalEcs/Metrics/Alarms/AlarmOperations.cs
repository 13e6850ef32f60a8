using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Hosting;

namespace AutoPR.LocalEcs.Metrics.Alarms;

/// <summary>
/// CloudWatch PutMetricAlarm, DescribeAlarms and DeleteAlarms for metric alarms on one metric (Namespace, MetricName,
/// Dimensions, Statistic or ExtendedStatistic). Metric math (Metrics), anomaly detection and composite alarms are
/// refused; alarm actions are kept and never run.
/// </summary>
public sealed class AlarmOperations(AlarmStore alarms, LocalEcsOptions options, TimeProvider time)
{
    private const string Invalid = "InvalidParameterValueException";
    private const string Missing = "MissingParameter";
    private const string Combination = "InvalidParameterCombination";
    private static readonly string[] Comparisons = ["GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"];
    private static readonly string[] Statistics = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];
    private static readonly string[] MissingData = ["breaching", "notBreaching", "ignore", "missing"];

    public Task<JsonObject> PutMetricAlarmAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var name = Required(request, "AlarmName");
        if (name.Length > 255)
        {
            throw new AwsServiceException(Invalid, "The parameter AlarmName must be at most 255 characters long.");
        }

        if (request.Has("Metrics") || request.Has("ThresholdMetricId"))
        {
            throw new AwsServiceException(Invalid, $"Alarm {name}: LocalEcs evaluates alarms on one metric (MetricName, Namespace); metric math (Metrics, ThresholdMetricId) is not supported.");
        }

        var statistic = request.Text("Statistic");
        var extended = request.Text("ExtendedStatistic");
        if ((statistic is null) == (extended is null))
        {
            throw new AwsServiceException(Combination, $"Alarm {name}: exactly one of Statistic and ExtendedStatistic must be set.");
        }

        if (statistic is not null && !Statistics.Contains(statistic, StringComparer.Ordinal))
        {
            throw new AwsServiceException(Invalid, $"The parameter Statistic must be one of {string.Join(", ", Statistics)}.");
        }

        if (extended is not null && (!extended.StartsWith('p') || !MetricStatistics.IsSupported(extended)))
        {
            throw new AwsServiceException(Invalid, $"Alarm {name}: LocalEcs supports percentile extended statistics (p0.0 to p100); {extended} is not one.");
        }

        var period = request.WholeNumber("Period") ?? throw new AwsServiceException(Missing, "The parameter Period is required.");
        if (period is not (10 or 20 or 30) && (period <= 0 || period % 60 != 0))
        {
            throw new AwsServiceException(Invalid, "The parameter Period must be 10, 20, 30 or a multiple of 60.");
        }

        var evaluationPeriods = request.WholeNumber("EvaluationPeriods") ?? throw new AwsServiceException(Missing, "The parameter EvaluationPeriods is required.");
        var datapoints = request.WholeNumber("DatapointsToAlarm") ?? evaluationPeriods;
        if (evaluationPeriods < 1 || datapoints < 1 || datapoints > evaluationPeriods)
        {
            throw new AwsServiceException(Invalid, "EvaluationPeriods must be at least 1, and DatapointsToAlarm between 1 and EvaluationPeriods.");
        }

        var comparison = Required(request, "ComparisonOperator");
        if (!Comparisons.Contains(comparison, StringComparer.Ordinal))
        {
            throw new AwsServiceException(Invalid, $"The parameter ComparisonOperator must be one of {string.Join(", ", Comparisons)} (LocalEcs has no anomaly detection).");
        }

        var threshold = request.Number("Threshold") ?? throw new AwsServiceException(Missing, "The parameter Threshold is required.");
        var treatMissing = request.Text("TreatMissingData") ?? "missing";
        if (!MissingData.Contains(treatMissing, StringComparer.Ordinal))
        {
            throw new AwsServiceException(Invalid, $"The parameter TreatMissingData must be one of {string.Join(", ", MissingData)}.");
        }

        var now = time.GetUtcNow();
        alarms.Put(name, current => new MetricAlarm
        {
            AlarmName = name,
            AlarmArn = $"arn:aws:cloudwatch:{options.Region}:{options.AccountId}:alarm:{name}",
            AlarmDescription = request.Text("AlarmDescription"),
            Namespace = Required(request, "Namespace"),
            MetricName = Required(request, "MetricName"),
            Dimensions = Dimensions(request),
            Statistic = statistic,
            ExtendedStatistic = extended,
            Period = period,
            EvaluationPeriods = evaluationPeriods,
            DatapointsToAlarm = datapoints,
            Threshold = threshold,
            ComparisonOperator = comparison,
            TreatMissingData = treatMissing,
            Unit = request.Text("Unit"),
            ActionsEnabled = request.Flag("ActionsEnabled") ?? true,
            ConfigurationUpdatedAt = now,

            // An update replaces the configuration and leaves the state as it is (CloudWatch's rule).
            StateValue = current?.StateValue ?? AlarmStates.InsufficientData,
            StateReason = current?.StateReason ?? AlarmEvaluation.Unchecked,
            StateReasonData = current?.StateReasonData,
            StateUpdatedAt = current?.StateUpdatedAt ?? now,
        });
        return Task.FromResult(new JsonObject());
    }

    public Task<JsonObject> DescribeAlarmsAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var names = request.Texts("AlarmNames");
        if (names.Count > 100)
        {
            throw new AwsServiceException(Invalid, "The parameter AlarmNames must not have more than 100 names.");
        }

        var prefix = request.Text("AlarmNamePrefix");
        if (names.Count > 0 && prefix is not null)
        {
            throw new AwsServiceException(Combination, "AlarmNames and AlarmNamePrefix cannot be used together.");
        }

        var state = request.Text("StateValue");
        var types = request.Texts("AlarmTypes");
        var selected = alarms.All()
            .Where(a => names.Count == 0 || names.Contains(a.AlarmName, StringComparer.Ordinal))
            .Where(a => prefix is null || a.AlarmName.StartsWith(prefix, StringComparison.Ordinal))
            .Where(a => state is null || a.StateValue == state)
            .Where(_ => types.Count == 0 || types.Contains("MetricAlarm", StringComparer.Ordinal))
            .ToList();
        if (request.WholeNumber("MaxRecords") is < 1 or > 100)
        {
            throw new AwsServiceException(Invalid, "The parameter MaxRecords must be between 1 and 100.");
        }

        IReadOnlyList<MetricAlarm> page;
        string? next;
        try
        {
            (page, next) = Paging.Page(selected, request, 50, "NextToken", "MaxRecords");
        }
        catch (AwsServiceException error) when (error.Message.StartsWith("NextToken", StringComparison.Ordinal))
        {
            throw new AwsServiceException("InvalidNextToken", "The NextToken is not one this service returned.");
        }

        var response = new JsonObject
        {
            ["MetricAlarms"] = new JsonArray([.. page.Select(a => (JsonNode)AlarmShape.ToJson(a))]),
            ["CompositeAlarms"] = new JsonArray(),
        };
        if (next is not null)
        {
            response["NextToken"] = next;
        }

        return Task.FromResult(response);
    }

    public Task<JsonObject> DeleteAlarmsAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var names = request.Texts("AlarmNames");
        if (names.Count is 0 or > 100)
        {
            throw new AwsServiceException(Missing, "The parameter AlarmNames is required (1 to 100 names).");
        }

        // CloudWatch deletes none when one of them does not exist.
        var missing = alarms.DeleteAll(names);
        return missing.Count == 0
            ? Task.FromResult(new JsonObject())
            : throw new AwsServiceException("ResourceNotFound", $"{(missing.Count == 1 ? "Alarm" : "Alarms")} {string.Join(", ", missing)} not found; no alarm was deleted.", System.Net.HttpStatusCode.NotFound);
    }

    private static string Required(JsonArgs request, string name) =>
        request.Text(name) is { Length: > 0 } value ? value : throw new AwsServiceException(Missing, $"The parameter {name} is required.");

    private static List<AlarmDimension> Dimensions(JsonArgs request)
    {
        var dimensions = new List<AlarmDimension>();
        foreach (var node in request.Array("Dimensions") ?? [])
        {
            var dimension = node is JsonObject o ? new JsonArgs(o, Invalid) : throw new AwsServiceException(Invalid, "Dimensions must be a list of {Name, Value}.");
            dimensions.Add(new AlarmDimension(Required(dimension, "Name"), Required(dimension, "Value")));
        }

        return dimensions;
    }
}
