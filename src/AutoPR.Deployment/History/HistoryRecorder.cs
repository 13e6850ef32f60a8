using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Rollout;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.History;

/// <summary>
/// The one path by which the library records what it did (deployments, verifications, rollbacks): as tags on the
/// revision and in the local mirror (<see cref="DeploymentHistory"/>). A record that cannot be written is logged,
/// never thrown: the deployment's own outcome stands.
/// </summary>
public sealed class HistoryRecorder
{
    private readonly DeploymentContext _context;
    private readonly EcsClient _ecs;
    private readonly ILogger _logger;
    private readonly bool _write;

    internal HistoryRecorder(DeploymentContext context, EcsClient ecs, DeploymentHistory? history, bool write, ILogger logger)
    {
        _context = context;
        _ecs = ecs;
        History = history;
        _write = write;
        _logger = logger;
    }

    /// <summary>The history written to (except in a dry run) and read from; null when this context keeps none.</summary>
    public DeploymentHistory? History { get; }

    /// <summary>
    /// Records one entry of the context's environment. Without <see cref="RecordRequest.Facts"/>, the image and
    /// commit are read from the revision's task definition.
    /// </summary>
    public async Task RecordAsync(RecordRequest request, IProgress<DeploymentEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (History is null || !_write)
        {
            return;
        }

        try
        {
            var arn = request.TaskDefinitionArn;
            var facts = request.Facts;
            if (facts is null)
            {
                var definition = await _ecs.DescribeTaskDefinitionAsync(arn, cancellationToken).ConfigureAwait(false);
                facts = TaskDefinitionFacts.From(definition.Json, _context.Environment.LoadBalancer.ContainerName);
                arn = definition.Arn ?? arn;
            }

            var record = new DeploymentRecord
            {
                Kind = request.Kind,
                Environment = _context.Environment.Name,
                TaskDefinitionArn = arn,
                ImageDigest = facts.ImageDigest,
                GitSha = facts.GitSha,
                Actor = request.Actor,
                StartedAt = request.StartedAt,
                FinishedAt = request.FinishedAt ?? _context.Time.GetUtcNow(),
                Outcome = request.Outcome,
                Reason = request.Reason,
                Schema = request.Schema,
                Backup = request.Backup,
            };
            await History.RecordAsync(record, cancellationToken).ConfigureAwait(false);
            progress?.Report(new HistoryRecorded(_context.Time.GetUtcNow(), record));
        }
        catch (AwsServiceException ex)
        {
            // A revision that does not exist, or tags that cannot be written: what happened stands.
            _logger.LogWarning("could not record the {Kind} of {Arn}: {Error}", request.Kind, request.TaskDefinitionArn, ex.Message);
        }
    }
}
