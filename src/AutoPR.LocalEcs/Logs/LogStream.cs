namespace AutoPR.LocalEcs.Logs;

/// <summary>A stream's retained events (the newest <see cref="LogStore.MaxEventsPerStream"/>) and its times.</summary>
public sealed class LogStream(string group, string name, long creationTime)
{
    private readonly List<LogEvent> _events = [];

    public string Group { get; } = group;

    public string Name { get; } = name;

    public long CreationTime { get; } = creationTime;

    /// <summary>The sequence the next event gets; sequences keep counting when old events are dropped.</summary>
    public long NextSequence { get; private set; }

    public long? FirstEventTimestamp { get; private set; }

    public long? LastEventTimestamp { get; private set; }

    public long? LastIngestionTime { get; private set; }

    public IReadOnlyList<LogEvent> Events => _events;

    public LogEvent Add(long timestamp, long ingestionTime, string message, int maxEvents)
    {
        var added = new LogEvent(NextSequence, timestamp, ingestionTime, message);
        Restore(added, maxEvents);
        return added;
    }

    /// <summary>Puts back an event read from the stream's file.</summary>
    public void Restore(LogEvent logEvent, int maxEvents)
    {
        _events.Add(logEvent);
        if (_events.Count > maxEvents)
        {
            _events.RemoveRange(0, _events.Count - maxEvents);
        }

        NextSequence = logEvent.Sequence + 1;
        FirstEventTimestamp = FirstEventTimestamp is { } first ? Math.Min(first, logEvent.Timestamp) : logEvent.Timestamp;
        LastEventTimestamp = LastEventTimestamp is { } last ? Math.Max(last, logEvent.Timestamp) : logEvent.Timestamp;
        LastIngestionTime = logEvent.IngestionTime;
    }
}
