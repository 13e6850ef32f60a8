using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AutoPR.EndToEnd.Tests.Support;

/// <summary>One service as LocalEcs's GET /_localecs/status shows it (what LocalStatus prints).</summary>
public sealed record ServiceStatus(
    string Cluster,
    string Name,
    string Status,
    string TaskDefinition,
    int DesiredCount,
    Uri? Listener,
    string? ProductionTargetGroup,
    IReadOnlyList<DeploymentStatusView> Deployments,
    IReadOnlyList<TaskStatusView> Tasks)
{
    /// <summary>The revision number of the service's task definition (autopr-local:7 -> 7).</summary>
    public int Revision => LocalStackStatus.RevisionOf(TaskDefinition);

    public IReadOnlyList<TaskStatusView> RunningTasks => [.. Tasks.Where(t => t.LastStatus == "RUNNING" && t.DesiredStatus == "RUNNING")];

    /// <summary>Every desired task runs the service's revision and is a healthy target: what a settled rollout leaves.</summary>
    public bool IsSettled =>
        RunningTasks.Count == DesiredCount &&
        Tasks.All(t => t.TaskDefinition == TaskDefinition && t.LastStatus == "RUNNING" && t.Target == "Healthy") &&
        Deployments.Count == 1 && Deployments[0].RolloutState == "COMPLETED";
}

public sealed record DeploymentStatusView(string Id, string Status, string? RolloutState, string TaskDefinition);

public sealed record TaskStatusView(string Id, string TaskDefinition, string? LastStatus, string? DesiredStatus, string? Target);

/// <summary>Reads LocalEcs's status endpoint (no AWS signature needed).</summary>
public sealed class LocalStackStatus(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<bool> IsRunningAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(endpoint, "/_localecs/health"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async Task<ServiceStatus?> ServiceAsync(string cluster, string service) =>
        (await ServicesAsync()).FirstOrDefault(s => s.Cluster == cluster && s.Name == service);

    public async Task<IReadOnlyList<ServiceStatus>> ServicesAsync()
    {
        var status = await _http.GetFromJsonAsync<JsonObject>(new Uri(endpoint, "/_localecs/status"))
            ?? throw new InvalidOperationException("LocalEcs returned an empty status");
        return [.. status["services"]!.AsArray().Select(node => new ServiceStatus(
            Text(node, "cluster")!,
            Text(node, "service")!,
            Text(node, "status")!,
            Text(node, "taskDefinition")!,
            node!["desiredCount"]!.GetValue<int>(),
            Text(node, "listener") is { } listener ? new Uri(listener) : null,
            Text(node, "productionTargetGroup"),
            [.. node["deployments"]!.AsArray().Select(d => new DeploymentStatusView(Text(d, "id")!, Text(d, "status")!, Text(d, "rolloutState"), Text(d, "taskDefinition")!))],
            [.. node["tasks"]!.AsArray().Select(t => new TaskStatusView(Text(t, "id")!, Text(t, "taskDefinition")!, Text(t, "lastStatus"), Text(t, "desiredStatus"), Text(t, "target")))]))];
    }

    /// <summary>
    /// The listener LocalEcs gives a load-balanced service: the one it already has, else (as LocalEcs allocates) the
    /// first port from <paramref name="first"/> on that no service holds.
    /// </summary>
    public async Task<Uri> ListenerOfAsync(string cluster, string service, Uri first)
    {
        var services = await ServicesAsync();
        if (services.FirstOrDefault(s => s.Cluster == cluster && s.Name == service)?.Listener is { } existing)
        {
            return existing;
        }

        var used = services.Select(s => s.Listener).OfType<Uri>().Select(u => u.Port).ToHashSet();
        var port = first.Port;
        while (used.Contains(port))
        {
            port++;
        }

        return new UriBuilder(first) { Port = port }.Uri;
    }

    /// <summary>Polls until the service is settled (see <see cref="ServiceStatus.IsSettled"/>); fails with the last status when it does not.</summary>
    public async Task<ServiceStatus> WaitUntilSettledAsync(string cluster, string service, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        ServiceStatus? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            last = await ServiceAsync(cluster, service);
            if (last is null || last.IsSettled)
            {
                return last!;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        throw new InvalidOperationException($"{cluster}/{service} did not settle within {timeout.TotalSeconds:0} s: {last}");
    }

    public static int RevisionOf(string taskDefinitionArn) =>
        int.Parse(taskDefinitionArn[(taskDefinitionArn.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _http.Dispose();

    private static string? Text(JsonNode? node, string member) => node?[member]?.GetValue<string>();
}
