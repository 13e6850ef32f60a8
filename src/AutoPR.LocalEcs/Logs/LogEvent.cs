namespace AutoPR.LocalEcs.Logs;

/// <summary>One CloudWatch Logs event: its place in the stream (for paging tokens), times in epoch milliseconds, and the line.</summary>
public sealed record LogEvent(long Sequence, long Timestamp, long IngestionTime, string Message);
