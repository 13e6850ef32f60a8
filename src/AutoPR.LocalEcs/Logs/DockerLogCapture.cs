using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace AutoPR.LocalEcs.Logs;

/// <summary>
/// Follows `docker logs` of a container (stdout and stderr, with Docker's timestamps) into the log store until
/// the container stops. After a LocalEcs restart it resumes after the stream's last event.
/// </summary>
public sealed class DockerLogCapture(DockerClient docker, LogStore store, ILogger<DockerLogCapture> logger) : IContainerLogCapture, IDisposable
{
    private readonly ConcurrentDictionary<string, Task> _following = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();

    public void Follow(string containerId, string group, string stream)
    {
        store.Ensure(group, stream);
        var completion = new TaskCompletionSource();
        if (!_following.TryAdd(containerId, completion.Task))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await CopyAsync(containerId, group, stream, _lifetime.Token);
            }
            catch (Exception error) when (error is DockerApiException or HttpRequestException or IOException)
            {
                logger.LogDebug("Following the output of container {ContainerId} ended: {Message}", containerId, error.Message);
            }
            catch (OperationCanceledException)
            {
                logger.LogDebug("Following the output of container {ContainerId} cancelled", containerId);
            }
            finally
            {
                completion.SetResult();
            }
        });
    }

    public async Task DrainAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_following.TryRemove(containerId, out var following))
        {
            try
            {
                await following.WaitAsync(timeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                logger.LogWarning("The output of container {ContainerId} was still being read after {Timeout}; removing it anyway", containerId, timeout);
            }
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    private async Task CopyAsync(string containerId, string group, string stream, CancellationToken cancellationToken)
    {
        var after = store.Find(group, stream)?.LastEventTimestamp;
        var parameters = new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true, Timestamps = true };
        if (after is { } last)
        {
            parameters.Since = (last / 1000).ToString(CultureInfo.InvariantCulture);
        }

        MultiplexedStream output;
        try
        {
            output = await docker.Containers.GetContainerLogsAsync(containerId, parameters, cancellationToken);
        }
        catch (DockerApiException error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }

        using (output)
        {
            var partial = new Dictionary<MultiplexedStream.TargetStream, StringBuilder>();
            var decoders = new Dictionary<MultiplexedStream.TargetStream, Decoder>();
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var read = await output.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
                if (read.EOF)
                {
                    break;
                }

                var pending = partial.TryGetValue(read.Target, out var existing) ? existing : partial[read.Target] = new StringBuilder();
                var decoder = decoders.TryGetValue(read.Target, out var known) ? known : decoders[read.Target] = Encoding.UTF8.GetDecoder();
                var characters = new char[decoder.GetCharCount(buffer, 0, read.Count)];
                decoder.GetChars(buffer, 0, read.Count, characters, 0);
                pending.Append(characters);
                Store(group, stream, TakeLines(pending), after);
            }

            foreach (var rest in partial.Values.Where(p => p.Length > 0))
            {
                Store(group, stream, [rest.ToString()], after);
            }
        }
    }

    private void Store(string group, string stream, IReadOnlyList<string> lines, long? after)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var events = lines.Select(l => DockerLogLine.Parse(l, now)).Where(e => after is null || e.Timestamp > after).ToList();
        store.Append(group, stream, events);
    }

    private static List<string> TakeLines(StringBuilder pending)
    {
        var text = pending.ToString();
        var end = text.LastIndexOf('\n');
        if (end < 0)
        {
            return [];
        }

        pending.Clear().Append(text[(end + 1)..]);
        return [.. text[..end].Split('\n').Select(l => l.TrimEnd('\r'))];
    }
}
