namespace AutoPR.Build;

/// <summary>The user asked for something that cannot run: one line, exit code 2, nothing executed.</summary>
internal sealed class UsageException(string message) : Exception(message);
