using AutoPR.LocalEcs.Logs;
using AutoPR.LocalEcs.State;
using Microsoft.Extensions.Time.Testing;

namespace AutoPR.LocalEcs.Tests.Units;

/// <summary>The log store's paging tokens (as GetLogEvents hands them out), its bound, and its files across a restart.</summary>
public sealed class LogStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "localecs-logs-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Forward_pages_end_on_the_same_token_and_backward_pages_walk_to_the_start()
    {
        var store = NewStore();
        store.Append("/ecs/job", "ecs/job/1", [.. Enumerable.Range(0, 5).Select(i => (1000L + i, $"line {i}"))]);
        var stream = store.Find("/ecs/job", "ecs/job/1")!;

        var first = LogEventPage.Read(stream, null, startFromHead: true, limit: 3, null, null);
        var second = LogEventPage.Read(stream, first.Forward, false, 3, null, null);
        var end = LogEventPage.Read(stream, second.Forward, false, 3, null, null);

        Assert.Equal(["line 0", "line 1", "line 2"], first.Events.Select(e => e.Message));
        Assert.Equal(["line 3", "line 4"], second.Events.Select(e => e.Message));
        Assert.Empty(end.Events);
        Assert.Equal(second.Forward, end.Forward);
        Assert.StartsWith("f/", end.Forward, StringComparison.Ordinal);

        var latest = LogEventPage.Read(stream, null, startFromHead: false, limit: 2, null, null);
        Assert.Equal(["line 3", "line 4"], latest.Events.Select(e => e.Message));
        var before = LogEventPage.Read(stream, latest.Backward, false, 2, null, null);
        Assert.Equal(["line 1", "line 2"], before.Events.Select(e => e.Message));
        Assert.StartsWith("b/", before.Backward, StringComparison.Ordinal);

        store.Append("/ecs/job", "ecs/job/1", [(2000L, "later")]);
        Assert.Equal(["later"], LogEventPage.Read(stream, end.Forward, false, 3, null, null).Events.Select(e => e.Message));
        Assert.Equal(["line 1"], LogEventPage.Read(stream, null, true, 10, 1001, 1002).Events.Select(e => e.Message));
    }

    [Fact]
    public void A_stream_keeps_its_newest_events_and_comes_back_from_its_file()
    {
        var store = NewStore();
        for (var i = 0; i < 3; i++)
        {
            store.Append("g", "s", [.. Enumerable.Range(0, LogStore.MaxEventsPerStream).Select(n => ((long)n, $"{i}-{n}"))]);
        }

        var reloaded = NewStore().Find("g", "s")!;

        Assert.Equal(LogStore.MaxEventsPerStream, reloaded.Events.Count);
        Assert.Equal($"2-{LogStore.MaxEventsPerStream - 1}", reloaded.Events[^1].Message);
        Assert.Equal(3L * LogStore.MaxEventsPerStream, reloaded.NextSequence);
        Assert.True(new FileInfo(Directory.GetFiles(Path.Combine(_directory, "logs"))[0]).Length < 2_000_000);
    }

    [Fact]
    public void Docker_timestamps_become_epoch_milliseconds()
    {
        Assert.Equal((1767268800123L, "hello world"), DockerLogLine.Parse("2026-01-01T12:00:00.123456789Z hello world", 0));
        Assert.Equal((5L, "no stamp"), DockerLogLine.Parse("no stamp", 5));
    }

    private LogStore NewStore() => new(new StateFiles(_directory), _time);
}
