using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AutoPR.LocalEcs.State;

namespace AutoPR.LocalEcs.Logs;

/// <summary>
/// CloudWatch Logs groups and streams of container output, kept under logs/ in the state directory: one
/// JSON-lines file per stream (a header line, then events), so output outlives its container and a restart.
/// Each stream keeps its newest <see cref="MaxEventsPerStream"/> events; its file is compacted when it grows
/// to twice that.
/// </summary>
public sealed class LogStore
{
    public const int MaxEventsPerStream = 10_000;

    private readonly Lock _gate = new();
    private readonly string _directory;
    private readonly Dictionary<(string Group, string Stream), LogStream> _streams = [];
    private readonly Dictionary<(string Group, string Stream), int> _fileLines = [];
    private readonly TimeProvider _time;

    public LogStore(StateFiles files, TimeProvider time)
    {
        _directory = files.Logs;
        _time = time;
        Directory.CreateDirectory(_directory);
        foreach (var file in Directory.EnumerateFiles(_directory, "*.jsonl"))
        {
            Load(file);
        }
    }

    public bool HasGroup(string group)
    {
        lock (_gate)
        {
            return _streams.Keys.Any(k => k.Group == group);
        }
    }

    public LogStream? Find(string group, string stream)
    {
        lock (_gate)
        {
            return _streams.GetValueOrDefault((group, stream));
        }
    }

    public IReadOnlyList<LogStream> StreamsOf(string group)
    {
        lock (_gate)
        {
            return [.. _streams.Values.Where(s => s.Group == group)];
        }
    }

    /// <summary>A copy of the events of the group's streams that <paramref name="includes"/> names (taken under the lock: containers append meanwhile).</summary>
    public IReadOnlyList<StreamEvents> EventsOf(string group, Func<string, bool> includes)
    {
        lock (_gate)
        {
            return [.. _streams.Values.Where(s => s.Group == group && includes(s.Name)).Select(s => new StreamEvents(s.Name, [.. s.Events]))];
        }
    }

    /// <summary>Creates the stream (and its group) if it does not exist yet, as the awslogs driver does when a container starts.</summary>
    public void Ensure(string group, string stream)
    {
        lock (_gate)
        {
            EnsureLocked(group, stream);
        }
    }

    /// <summary>Appends lines with their own timestamps (epoch ms).</summary>
    public void Append(string group, string stream, IReadOnlyList<(long Timestamp, string Message)> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            var target = EnsureLocked(group, stream);
            var ingestion = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var text = new StringBuilder();
            foreach (var (timestamp, message) in lines)
            {
                var added = target.Add(timestamp, ingestion, message, MaxEventsPerStream);
                text.Append(JsonSerializer.Serialize(added, StateJson.Compact)).Append('\n');
            }

            File.AppendAllText(PathOf(group, stream), text.ToString());
            _fileLines[(group, stream)] += lines.Count;
            if (_fileLines[(group, stream)] > 2 * MaxEventsPerStream)
            {
                Rewrite(target);
            }
        }
    }

    private LogStream EnsureLocked(string group, string stream)
    {
        if (_streams.TryGetValue((group, stream), out var existing))
        {
            return existing;
        }

        var created = new LogStream(group, stream, _time.GetUtcNow().ToUnixTimeMilliseconds());
        _streams[(group, stream)] = created;
        Rewrite(created);
        return created;
    }

    private void Rewrite(LogStream stream)
    {
        var text = new StringBuilder(JsonSerializer.Serialize(new StreamHeader(stream.Group, stream.Name, stream.CreationTime), StateJson.Compact)).Append('\n');
        foreach (var logEvent in stream.Events)
        {
            text.Append(JsonSerializer.Serialize(logEvent, StateJson.Compact)).Append('\n');
        }

        AtomicFile.WriteAllText(PathOf(stream.Group, stream.Name), text.ToString());
        _fileLines[(stream.Group, stream.Name)] = stream.Events.Count;
    }

    private void Load(string file)
    {
        using var reader = new StreamReader(file);
        if (reader.ReadLine() is not { } first || JsonSerializer.Deserialize<StreamHeader>(first, StateJson.Compact) is not { } header)
        {
            return;
        }

        var stream = new LogStream(header.Group, header.Stream, header.CreationTime);
        var lines = 0;
        while (reader.ReadLine() is { } line)
        {
            // A line cut short by a crash mid-append is skipped.
            if (line.Length > 0 && TryRead(line) is { } logEvent)
            {
                stream.Restore(logEvent, MaxEventsPerStream);
                lines++;
            }
        }

        _streams[(header.Group, header.Stream)] = stream;
        _fileLines[(header.Group, header.Stream)] = lines;
    }

    private static LogEvent? TryRead(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<LogEvent>(line, StateJson.Compact);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string PathOf(string group, string stream) =>
        Path.Combine(_directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(group + "\n" + stream)))[..32] + ".jsonl");

    /// <summary>A stream's name and a copy of its events.</summary>
    public sealed record StreamEvents(string Stream, IReadOnlyList<LogEvent> Events);

    private sealed record StreamHeader(string Group, string Stream, long CreationTime);
}
