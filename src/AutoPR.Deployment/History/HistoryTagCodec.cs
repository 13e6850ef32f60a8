using System.Globalization;
using System.Text;

namespace AutoPR.Deployment.History;

/// <summary>
/// Deployment records as ECS tags on the task-definition revision they concern. Per revision:
/// <c>autopr:image</c> (digest) and <c>autopr:git-sha</c>; per record one tag <c>autopr:history:NN</c> whose value
/// reads <c>kind=Deploy outcome=Verified env=staging start=2025-01-01T12:00:00Z end=... actor=alice reason=...</c>
/// (reason last, shortened to the 256-character limit; the local mirror keeps it whole). Slots are reused oldest
/// first when the 50-tag limit is reached, so recording never needs UntagResource.
/// </summary>
public static class HistoryTagCodec
{
    /// <summary>Prefix of the record tags.</summary>
    public const string RecordKeyPrefix = "autopr:history:";

    /// <summary>The image digest of the revision.</summary>
    public const string ImageKey = "autopr:image";

    /// <summary>The git commit of the revision.</summary>
    public const string GitShaKey = "autopr:git-sha";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Whether a tag key belongs to the history.</summary>
    public static bool IsHistoryKey(string key) =>
        key.StartsWith(RecordKeyPrefix, StringComparison.Ordinal) || key is ImageKey or GitShaKey;

    /// <summary>
    /// The tags to set on the record's revision given the tags it has, or null when the revision has no room
    /// (other tags use all 50).
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Encode(DeploymentRecord record, IReadOnlyDictionary<string, string> existing)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(existing);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (record.ImageDigest is { } digest)
        {
            tags[ImageKey] = EcsTagRules.Text(digest, EcsTagRules.MaxValueLength);
        }

        if (record.GitSha is { } sha)
        {
            tags[GitShaKey] = EcsTagRules.Token(sha);
        }

        var recordKeys = existing.Keys.Where(k => k.StartsWith(RecordKeyPrefix, StringComparison.Ordinal)).ToList();
        var added = tags.Keys.Count(k => !existing.ContainsKey(k));
        var room = EcsTagRules.MaxTags - existing.Count - added;
        var free = Enumerable.Range(0, 100).Select(SlotKey).FirstOrDefault(k => !existing.ContainsKey(k));
        string key;
        if (room > 0 && free is not null)
        {
            key = free;
        }
        else if (recordKeys.Count > 0)
        {
            // Full: reuse the slot of the oldest record.
            key = recordKeys.OrderBy(k => DecodeValue(string.Empty, existing[k], null, null)?.StartedAt ?? DateTimeOffset.MinValue).First();
        }
        else
        {
            return null;
        }

        tags[key] = EncodeValue(record);
        return tags;
    }

    /// <summary>The value of a record tag.</summary>
    public static string EncodeValue(DeploymentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var builder = new StringBuilder()
            .Append("kind=").Append(record.Kind)
            .Append(" outcome=").Append(record.Outcome)
            .Append(" env=").Append(EcsTagRules.Token(record.Environment))
            .Append(" start=").Append(record.StartedAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
        if (record.FinishedAt is { } finished)
        {
            builder.Append(" end=").Append(finished.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
        }

        builder.Append(" actor=").Append(EcsTagRules.Token(record.Actor));
        if (record.Schema is { } schema)
        {
            builder.Append(" schema=").Append(schema);
        }

        if (record.Backup is { } backup)
        {
            builder.Append(" backup=").Append(EcsTagRules.Token(backup));
        }
        var head = builder.ToString();
        if (!string.IsNullOrWhiteSpace(record.Reason))
        {
            var room = EcsTagRules.MaxValueLength - head.Length - " reason=".Length;
            var reason = EcsTagRules.Text(record.Reason, room);
            if (reason.Length > 0)
            {
                head += " reason=" + reason;
            }
        }

        return head.Length <= EcsTagRules.MaxValueLength ? head : head[..EcsTagRules.MaxValueLength];
    }

    /// <summary>The records kept in the tags of revision <paramref name="taskDefinitionArn"/> (unreadable tags are skipped).</summary>
    public static IReadOnlyList<DeploymentRecord> Decode(string taskDefinitionArn, IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var records = new List<DeploymentRecord>();
        tags.TryGetValue(ImageKey, out var digest);
        tags.TryGetValue(GitShaKey, out var sha);
        foreach (var (key, value) in tags.Where(t => t.Key.StartsWith(RecordKeyPrefix, StringComparison.Ordinal)).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (DecodeValue(taskDefinitionArn, value, digest, sha) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    private static DeploymentRecord? DecodeValue(string arn, string value, string? digest, string? sha)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var reasonAt = value.IndexOf(" reason=", StringComparison.Ordinal);
        var head = reasonAt >= 0 ? value[..reasonAt] : value;
        foreach (var token in head.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                fields[token[..equals]] = token[(equals + 1)..];
            }
        }

        if (!fields.TryGetValue("kind", out var kindText) || !Enum.TryParse<DeploymentKind>(kindText, out var kind) ||
            !fields.TryGetValue("outcome", out var outcomeText) || !Enum.TryParse<DeploymentOutcome>(outcomeText, out var outcome) ||
            !fields.TryGetValue("start", out var startText) || ParseTime(startText) is not { } start)
        {
            return null;
        }

        return new DeploymentRecord
        {
            Kind = kind,
            Outcome = outcome,
            Environment = fields.GetValueOrDefault("env", "-"),
            TaskDefinitionArn = arn,
            ImageDigest = digest,
            GitSha = sha,
            Actor = fields.GetValueOrDefault("actor", "-"),
            StartedAt = start,
            FinishedAt = fields.TryGetValue("end", out var end) ? ParseTime(end) : null,
            Reason = reasonAt >= 0 ? value[(reasonAt + " reason=".Length)..] : null,
            Schema = Database.SchemaInfo.Parse(fields.GetValueOrDefault("schema")),
            Backup = fields.GetValueOrDefault("backup"),
        };
    }

    private static string SlotKey(int slot) => RecordKeyPrefix + slot.ToString("00", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(string text) =>
        DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
}
