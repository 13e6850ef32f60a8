using System.Text.Json;

namespace AutoPR.Service.Revision;

/// <summary>
/// Learns the task-definition revision before the service listens: ECS sets ECS_CONTAINER_METADATA_URI_V4 in every
/// container (LocalEcs too), and GET {uri}/task answers the task's Family and Revision. Outside ECS the variable is
/// unset and the stamp stays "unknown". A metadata endpoint that does not answer delays startup by at most
/// <see cref="Attempts"/> short tries; the service then serves with "unknown" rather than not at all.
/// </summary>
internal sealed class TaskMetadataReader(
    IConfiguration configuration,
    RevisionStamp stamp,
    IHttpClientFactory clients,
    ILogger<TaskMetadataReader> logger) : IHostedLifecycleService
{
    public const string MetadataVariable = "ECS_CONTAINER_METADATA_URI_V4";
    public const string ClientName = "ecs-task-metadata";
    private const int Attempts = 3;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (configuration[MetadataVariable] is not { Length: > 0 } baseUri)
        {
            logger.LogDebug("{Variable:l} is not set: responses carry task-definition=unknown", MetadataVariable);
            return;
        }

        var client = clients.CreateClient(ClientName);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                await using var body = await client.GetStreamAsync(new Uri(baseUri.TrimEnd('/') + "/task"), cancellationToken);
                using var task = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
                if (Text(task.RootElement, "Family") is { } family && Text(task.RootElement, "Revision") is { } revision)
                {
                    stamp.Learned(family, revision);
                    logger.LogInformation("Running as task definition {TaskDefinition:l}", stamp.TaskDefinition);
                    return;
                }

                logger.LogWarning("The task metadata at {Uri:l} names no Family and Revision: responses carry task-definition=unknown", baseUri);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Task metadata at {Uri:l} did not answer (try {Attempt} of {Attempts}): {Error}", baseUri, attempt, Attempts, ex.Message);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
