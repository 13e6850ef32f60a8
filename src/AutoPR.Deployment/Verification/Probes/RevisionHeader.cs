namespace AutoPR.Deployment.Verification.Probes;

/// <summary>
/// The service's answer stamp: "X-AutoPR-Revision: task-definition=autopr:42; git=3f2c1ab" (the service's
/// Revision/RevisionStamp writes it). The task definition is what the judge attributes an answer to.
/// </summary>
public static class RevisionHeader
{
    public const string Name = "X-AutoPR-Revision";

    /// <summary>The task definition ("family:revision") a header value names, or null when it names none.</summary>
    public static string? TaskDefinition(string? value)
    {
        foreach (var part in (value ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals] == "task-definition")
            {
                var name = part[(equals + 1)..];
                return name.Contains(':', StringComparison.Ordinal) ? name : null;
            }
        }

        return null;
    }
}
