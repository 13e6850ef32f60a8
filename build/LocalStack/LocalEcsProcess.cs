using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AutoPR.Images.Host;

namespace AutoPR.BuildDefinition.LocalStack;

/// <summary>
/// The LocalEcs process that LocalUp starts and LocalDown stops: detached, with its pid, ready file and log in
/// one state directory, so LocalDown stops exactly what LocalUp started.
/// </summary>
internal sealed class LocalEcsProcess(string stateDirectory, Uri endpoint)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public string StateDirectory => stateDirectory;

    public string LogFile => Path.Combine(stateDirectory, "localecs.log");

    private string ReadyFile => Path.Combine(stateDirectory, "localecs.ready");

    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken) => (await ProbeAsync(cancellationToken)).Answers;

    /// <summary>
    /// Which LocalEcs answers at the endpoint. LocalEcs's health reports its state directory; one that does not
    /// (built before it did) counts as this checkout's when this state directory's ready file names the endpoint.
    /// </summary>
    public async Task<LocalEcsAtEndpoint> ProbeAsync(CancellationToken cancellationToken)
    {
        JsonObject? health;
        try
        {
            using var response = await Http.GetAsync(new Uri(endpoint, "/_localecs/health"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return LocalEcsAtEndpoint.Nothing;
            }

            health = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        }
        catch (Exception error) when (error is HttpRequestException or System.Text.Json.JsonException
            || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return LocalEcsAtEndpoint.Nothing;
        }

        var reported = health?["stateDirectory"]?.GetValue<string>();
        var ours = reported is null ? ReadyFileNames(endpoint) : SamePath(reported, stateDirectory);
        return new LocalEcsAtEndpoint(true, ours, reported);
    }

    /// <summary>Starts LocalEcs in its own session and waits until it answers; a start that fails shows the end of its log.</summary>
    public async Task StartAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(stateDirectory);
        File.Delete(ReadyFile);
        using var process = DetachedProcess.Start(program, arguments, LogFile);
        var clock = Stopwatch.StartNew();
        while (!await IsRunningAsync(cancellationToken))
        {
            if (process.HasExited || clock.Elapsed > timeout)
            {
                var tail = File.Exists(LogFile) ? string.Join(Environment.NewLine, File.ReadLines(LogFile).TakeLast(15)) : "(no log)";
                throw new InvalidOperationException(
                    $"LocalEcs did not start at {endpoint} within {timeout.TotalSeconds:0} s (its log is {LogFile}):{Environment.NewLine}{tail}");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private bool ReadyFileNames(Uri answering)
    {
        try
        {
            return File.Exists(ReadyFile)
                && JsonNode.Parse(File.ReadAllText(ReadyFile))?["endpoint"]?.GetValue<string>() is { } written
                && Uri.TryCreate(written, UriKind.Absolute, out var uri) && uri.Authority == answering.Authority;
        }
        catch (Exception error) when (error is IOException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    public async Task<JsonObject> StatusAsync(CancellationToken cancellationToken) =>
        await Http.GetFromJsonAsync<JsonObject>(new Uri(endpoint, "/_localecs/status"), cancellationToken)
            ?? throw new InvalidOperationException($"LocalEcs at {endpoint} returned an empty status.");
}
