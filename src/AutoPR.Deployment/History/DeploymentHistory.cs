using AutoPR.Deployment.Ecs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Deployment.History;

/// <summary>
/// Records every deployment, rollback and verification as tags on the task-definition revision concerned (the
/// source of truth: readable by anyone with ECS access, no extra infrastructure) and mirrors them to a local
/// JSON-lines file (an offline view that keeps reasons whole).
/// </summary>
public sealed class DeploymentHistory
{
    private const int TagReadConcurrency = 8;
    private readonly EcsClient _ecs;
    private readonly ILogger _logger;

    /// <summary>Creates the history over <paramref name="ecs"/>; <paramref name="mirrorPath"/> null keeps no local copy.</summary>
    public DeploymentHistory(EcsClient ecs, string? mirrorPath = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        _ecs = ecs;
        _logger = logger ?? NullLogger.Instance;
        Mirror = mirrorPath is null ? null : new HistoryMirror(mirrorPath, _logger);
    }

    /// <summary>The local mirror, when one was given.</summary>
    public HistoryMirror? Mirror { get; }

    /// <summary>
    /// Tags the record onto its revision (ListTagsForResource + TagResource) and appends it to the mirror. Returns
    /// false when the revision had no room for another tag (the mirror still has the record).
    /// </summary>
    public async Task<bool> RecordAsync(DeploymentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var existing = await _ecs.ListTagsForResourceAsync(record.TaskDefinitionArn, cancellationToken).ConfigureAwait(false);
        var tags = HistoryTagCodec.Encode(record, existing);
        if (tags is not null)
        {
            await _ecs.TagResourceAsync(record.TaskDefinitionArn, tags, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            _logger.LogWarning("{Arn} already has {Count} tags; the {Kind} record is kept in the local mirror only", record.TaskDefinitionArn, existing.Count, record.Kind);
        }

        if (Mirror is not null)
        {
            await Mirror.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        }

        return tags is not null;
    }

    /// <summary>
    /// The records on the newest <paramref name="maxRevisions"/> ACTIVE revisions of <paramref name="family"/>, newest
    /// first, optionally of one environment; reasons the tags had to shorten are completed from the mirror.
    /// </summary>
    public async Task<IReadOnlyList<DeploymentRecord>> ReadAsync(string family, string? environment = null, int maxRevisions = 50, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(family);
        var arns = new List<string>();
        await foreach (var arn in _ecs.ListTaskDefinitionsAsync(familyPrefix: family, status: "ACTIVE", sort: "DESC", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // familyPrefix is a prefix: "autopr-dev" also lists "autopr-dev-worker".
            if (string.Equals(DeploymentRecord.FamilyOf(arn), family, StringComparison.Ordinal))
            {
                arns.Add(arn);
                if (arns.Count >= maxRevisions)
                {
                    break;
                }
            }
        }

        var records = new List<DeploymentRecord>();
        using var throttle = new SemaphoreSlim(TagReadConcurrency);
        var reads = arns.Select(async arn =>
        {
            await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var tags = await _ecs.ListTagsForResourceAsync(arn, cancellationToken).ConfigureAwait(false);
                return HistoryTagCodec.Decode(arn, tags);
            }
            finally
            {
                throttle.Release();
            }
        }).ToList();
        foreach (var read in reads)
        {
            records.AddRange(await read.ConfigureAwait(false));
        }

        var mirror = Mirror?.ReadAll() ?? [];
        return records
            .Where(r => environment is null || string.Equals(r.Environment, environment, StringComparison.Ordinal))
            .Select(r => Complete(r, mirror))
            .OrderByDescending(r => r.StartedAt)
            .ToList();
    }

    /// <summary>The local mirror's records (offline view), newest first, optionally of one environment.</summary>
    public IReadOnlyList<DeploymentRecord> ReadMirror(string? environment = null) =>
        (Mirror?.ReadAll() ?? [])
            .Where(r => environment is null || string.Equals(r.Environment, environment, StringComparison.Ordinal))
            .OrderByDescending(r => r.StartedAt)
            .ToList();

    /// <summary>
    /// The newest record with outcome <see cref="DeploymentOutcome.Verified"/> in <paramref name="environment"/>,
    /// from the tags, skipping revision <paramref name="excludingTaskDefinitionArn"/> (the one being replaced).
    /// </summary>
    public async Task<DeploymentRecord?> FindLastVerifiedAsync(
        string family,
        string environment,
        string? excludingTaskDefinitionArn = null,
        int maxRevisions = 50,
        CancellationToken cancellationToken = default)
    {
        var records = await ReadAsync(family, environment, maxRevisions, cancellationToken).ConfigureAwait(false);
        return NewestVerified(records, excludingTaskDefinitionArn);
    }

    /// <summary>
    /// The newest <see cref="DeploymentOutcome.Verified"/> record of <paramref name="records"/> (by when it finished),
    /// skipping revision <paramref name="excludingTaskDefinitionArn"/>: the one rule by which Rollback, the automatic
    /// rollback, Status and Cleanup agree on "the last verified release".
    /// </summary>
    public static DeploymentRecord? NewestVerified(IEnumerable<DeploymentRecord> records, string? excludingTaskDefinitionArn = null) =>
        records
            .Where(r => r.Outcome == DeploymentOutcome.Verified)
            .Where(r => !string.Equals(r.TaskDefinitionArn, excludingTaskDefinitionArn, StringComparison.Ordinal))
            .OrderByDescending(r => r.FinishedAt ?? r.StartedAt)
            .FirstOrDefault();

    private static DeploymentRecord Complete(DeploymentRecord fromTags, IReadOnlyList<DeploymentRecord> mirror)
    {
        var match = mirror.LastOrDefault(m =>
            m.Kind == fromTags.Kind &&
            m.Outcome == fromTags.Outcome &&
            string.Equals(m.TaskDefinitionArn, fromTags.TaskDefinitionArn, StringComparison.Ordinal) &&
            m.StartedAt.ToUnixTimeSeconds() == fromTags.StartedAt.ToUnixTimeSeconds());
        // Tags decide what happened; the mirror only restores what tag characters could not hold.
        return match is null ? fromTags : fromTags with { Reason = match.Reason ?? fromTags.Reason, Actor = match.Actor };
    }
}
