using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Hosting;

namespace AutoPR.LocalEcs.Logs;

/// <summary>GetLogEvents, FilterLogEvents and DescribeLogStreams over the streams of container output.</summary>
public sealed class LogsOperations(LogStore store, LocalEcsOptions options)
{
    public Task<JsonObject> GetLogEventsAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var group = Group(request);
        var stream = store.Find(group, request.RequiredText("logStreamName"))
            ?? throw new AwsServiceException("ResourceNotFoundException", "The specified log stream does not exist.");
        var limit = request.WholeNumber("limit") ?? 10_000;
        if (limit is < 1 or > 10_000)
        {
            throw request.Invalid("1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000");
        }

        var token = request.Text("nextToken");
        if (token is not null && !LogEventPage.IsValid(token))
        {
            throw request.Invalid("The specified nextToken is invalid.");
        }

        var (events, forward, backward) = LogEventPage.Read(stream, token, request.Flag("startFromHead") ?? false, limit, Millis(request, "startTime"), Millis(request, "endTime"));
        return Task.FromResult(new JsonObject
        {
            ["events"] = new JsonArray([.. events.Select(e => (JsonNode)new JsonObject { ["timestamp"] = e.Timestamp, ["message"] = e.Message, ["ingestionTime"] = e.IngestionTime })]),
            ["nextForwardToken"] = forward,
            ["nextBackwardToken"] = backward,
        });
    }

    /// <summary>
    /// FilterLogEvents across the group's streams (all, logStreamNames, or logStreamNamePrefix), between startTime and
    /// endTime (both inclusive), matching filterPattern (the subset <see cref="LogFilterPattern"/> documents).
    /// </summary>
    public Task<JsonObject> FilterLogEventsAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var group = Group(request);
        var names = request.Has("logStreamNames") ? request.Texts("logStreamNames") : null;
        var prefix = request.Text("logStreamNamePrefix");
        if (names is not null && prefix is not null)
        {
            throw request.Invalid("You cannot specify both logStreamNames and logStreamNamePrefix.");
        }

        if (names is { Count: < 1 or > 100 })
        {
            throw request.Invalid("1 validation error detected: Value at 'logStreamNames' failed to satisfy constraint: Member must have length between 1 and 100");
        }

        var limit = request.WholeNumber("limit") ?? 10_000;
        if (limit is < 1 or > 10_000)
        {
            throw request.Invalid("1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000");
        }

        LogFilterPattern pattern;
        try
        {
            pattern = LogFilterPattern.Parse(request.Text("filterPattern"));
        }
        catch (FormatException error)
        {
            throw request.Invalid("Invalid filter pattern: " + error.Message);
        }

        var token = request.Text("nextToken");
        if (token is not null && !FilteredEvents.IsValid(token))
        {
            throw request.Invalid("The specified nextToken is invalid.");
        }

        var wanted = names is null ? null : new HashSet<string>(names, StringComparer.Ordinal);
        var streams = store.EventsOf(group, name => wanted?.Contains(name) ?? (prefix is null || name.StartsWith(prefix, StringComparison.Ordinal)));
        var (page, next) = FilteredEvents.Read(streams, pattern, Millis(request, "startTime"), Millis(request, "endTime"), limit, token);
        return Task.FromResult(new JsonObject
        {
            ["events"] = new JsonArray([.. page.Select(m => (JsonNode)new JsonObject
            {
                ["logStreamName"] = m.Stream,
                ["timestamp"] = m.Event.Timestamp,
                ["message"] = m.Event.Message,
                ["ingestionTime"] = m.Event.IngestionTime,
                ["eventId"] = m.EventId,
            })]),
            ["searchedLogStreams"] = new JsonArray(),
            ["nextToken"] = next,
        });
    }

    public Task<JsonObject> DescribeLogStreamsAsync(JsonArgs request, CancellationToken cancellationToken)
    {
        var group = Group(request);
        var prefix = request.Text("logStreamNamePrefix");
        var orderBy = request.Text("orderBy") ?? "LogStreamName";
        if (orderBy is not ("LogStreamName" or "LastEventTime"))
        {
            throw request.Invalid("1 validation error detected: Value at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }

        if (orderBy == "LastEventTime" && prefix is not null)
        {
            throw request.Invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }

        var limit = request.WholeNumber("limit") ?? 50;
        if (limit is < 1 or > 50)
        {
            throw request.Invalid("1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value between 1 and 50");
        }

        var streams = store.StreamsOf(group).Where(s => prefix is null || s.Name.StartsWith(prefix, StringComparison.Ordinal));
        var ordered = orderBy == "LogStreamName"
            ? streams.OrderBy(s => s.Name, StringComparer.Ordinal).ToList()
            : streams.OrderBy(s => s.LastEventTimestamp ?? s.CreationTime).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        if (request.Flag("descending") ?? false)
        {
            ordered.Reverse();
        }

        var (page, next) = Paging.Page(ordered, request, 50, "nextToken", "limit");
        return Task.FromResult(new JsonObject
        {
            ["logStreams"] = new JsonArray([.. page.Select(s => (JsonNode)new JsonObject
            {
                ["logStreamName"] = s.Name,
                ["creationTime"] = s.CreationTime,
                ["firstEventTimestamp"] = s.FirstEventTimestamp,
                ["lastEventTimestamp"] = s.LastEventTimestamp,
                ["lastIngestionTime"] = s.LastIngestionTime,
                ["arn"] = $"arn:aws:logs:{options.Region}:{options.AccountId}:log-group:{group}:log-stream:{s.Name}",
                ["storedBytes"] = 0,
            })]),
            ["nextToken"] = next,
        });
    }

    /// <summary>logGroupName, or logGroupIdentifier (a name or a log group ARN); ResourceNotFoundException when no stream has it.</summary>
    private string Group(JsonArgs request)
    {
        var group = request.Text("logGroupName") ?? request.Text("logGroupIdentifier") ?? throw request.Invalid("logGroupName or logGroupIdentifier is required.");
        if (group.StartsWith("arn:", StringComparison.Ordinal) && group.IndexOf(":log-group:", StringComparison.Ordinal) is var marker and > 0)
        {
            group = group[(marker + ":log-group:".Length)..].TrimEnd('*').TrimEnd(':');
        }

        return store.HasGroup(group) ? group : throw new AwsServiceException("ResourceNotFoundException", "The specified log group does not exist.");
    }

    private static long? Millis(JsonArgs request, string name) => request.Number(name) is { } value ? (long)value : null;
}
