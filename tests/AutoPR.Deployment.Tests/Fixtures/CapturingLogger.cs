using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>Keeps every log line at every level (formatted, with its structured values), to check what a client logs.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
        lock (_lines)
        {
            _lines.Add($"{logLevel}: {formatter(state, exception)} | {values} | {exception}");
        }
    }
}
