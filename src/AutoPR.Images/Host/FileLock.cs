using Microsoft.Extensions.Logging;

namespace AutoPR.Images.Host;

/// <summary>
/// A machine-wide exclusive lock on a file (flock through FileShare.None), so that concurrent test
/// processes and builds start daemons or make base images once.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public static async Task<FileLock> AcquireAsync(string path, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var deadline = DateTimeOffset.UtcNow + timeout;
        var toldWaiting = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTimeOffset.UtcNow < deadline)
            {
                if (!toldWaiting)
                {
                    logger.LogInformation("Waiting for {LockFile}: another process is preparing the same resource", path);
                    toldWaiting = true;
                }

                await Task.Delay(RetryDelay, cancellationToken);
            }
            catch (IOException exception)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for the lock {path}: another process holds it; end it or delete the file when no such process runs.", exception);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
