using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.History;

/// <summary>
/// The local copy of the history: JSON lines, one record each, appended as records are made. Reasons are kept
/// whole here (tags shorten them). A line that cannot be read is skipped with a warning, never fatal.
/// </summary>
public sealed class HistoryMirror(string path, ILogger logger)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>Appends one record.</summary>
    public async Task AppendAsync(DeploymentRecord record, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(record, HistoryJsonContext.Default.DeploymentRecord) + "\n";
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await File.AppendAllTextAsync(Path, line, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Every record in the file, in file order (empty when the file does not exist).</summary>
    public IReadOnlyList<DeploymentRecord> ReadAll()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        var records = new List<DeploymentRecord>();
        var number = 0;
        foreach (var line in File.ReadLines(Path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize(line, HistoryJsonContext.Default.DeploymentRecord) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException ex)
            {
                logger.LogWarning("{Path}: line {Line} is not a history record ({Error}); skipped", Path, number, ex.Message);
            }
        }

        return records;
    }
}
