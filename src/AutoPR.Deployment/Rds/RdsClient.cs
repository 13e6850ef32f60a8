using System.Globalization;
using System.Runtime.CompilerServices;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Rds;

/// <summary>
/// Amazon RDS snapshots over the AWS Query protocol: the snapshot taken before a migration, and its progress.
/// Errors are <see cref="AwsServiceException"/>s with RDS's codes (DBSnapshotAlreadyExists, DBInstanceNotFound,
/// DBSnapshotNotFound, InvalidDBInstanceState, SnapshotQuotaExceeded).
/// </summary>
public sealed class RdsClient(AwsQueryClient core)
{
    /// <summary>Every operation this client calls (for the deployer's IAM policy).</summary>
    public static IReadOnlyList<AwsOperation> Operations => RdsOperations.All;

    /// <summary>CreateDBSnapshot of an instance, with tags (sent in key order); returns the snapshot as RDS reports it ("creating").</summary>
    public async Task<RdsSnapshotView> CreateDbSnapshotAsync(
        string dbInstanceIdentifier,
        string snapshotIdentifier,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dbInstanceIdentifier);
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshotIdentifier);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("DBInstanceIdentifier", dbInstanceIdentifier),
            new("DBSnapshotIdentifier", snapshotIdentifier),
        };
        var index = 0;
        foreach (var (key, value) in (tags ?? new Dictionary<string, string>()).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            index++;
            var prefix = string.Create(CultureInfo.InvariantCulture, $"Tags.Tag.{index}.");
            fields.Add(new(prefix + "Key", key));
            fields.Add(new(prefix + "Value", value));
        }

        var result = await core.SendAsync(RdsOperations.CreateDBSnapshot, fields, cancellationToken).ConfigureAwait(false);
        var snapshot = XmlRead.Child(result, "DBSnapshot")
            ?? throw new AwsServiceException(AwsService.Rds.Id, RdsOperations.CreateDBSnapshot.Name, "InvalidResponse", "the answer has no DBSnapshot", null, System.Net.HttpStatusCode.OK, false, null);
        return new RdsSnapshotView(snapshot);
    }

    /// <summary>DescribeDBSnapshots of one snapshot; null when RDS answers DBSnapshotNotFound.</summary>
    public async Task<RdsSnapshotView?> DescribeDbSnapshotAsync(string snapshotIdentifier, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshotIdentifier);
        try
        {
            var result = await core.SendAsync(RdsOperations.DescribeDBSnapshots, [new("DBSnapshotIdentifier", snapshotIdentifier)], cancellationToken).ConfigureAwait(false);
            return Snapshots(result).FirstOrDefault();
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "DBSnapshotNotFound")
        {
            return null;
        }
    }

    /// <summary>DescribeDBSnapshots of an instance: every snapshot, all pages (Marker followed).</summary>
    public async IAsyncEnumerable<RdsSnapshotView> DescribeDbSnapshotsAsync(
        string dbInstanceIdentifier,
        string? snapshotType = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dbInstanceIdentifier);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? marker = null;
        while (true)
        {
            var fields = new List<KeyValuePair<string, string>> { new("DBInstanceIdentifier", dbInstanceIdentifier) };
            if (snapshotType is not null)
            {
                fields.Add(new("SnapshotType", snapshotType));
            }

            if (marker is not null)
            {
                fields.Add(new("Marker", marker));
            }

            var result = await core.SendAsync(RdsOperations.DescribeDBSnapshots, fields, cancellationToken).ConfigureAwait(false);
            foreach (var snapshot in Snapshots(result))
            {
                yield return snapshot;
            }

            marker = XmlRead.GetString(result, "Marker");
            if (string.IsNullOrEmpty(marker))
            {
                yield break;
            }

            // A service that hands back a marker it already gave would loop forever.
            if (!seen.Add(marker))
            {
                throw new AwsServiceException(AwsService.Rds.Id, RdsOperations.DescribeDBSnapshots.Name, "RepeatedNextToken",
                    "the service returned the same marker twice", null, null, false, null);
            }
        }
    }

    private static IEnumerable<RdsSnapshotView> Snapshots(System.Xml.Linq.XElement result) =>
        XmlRead.Children(XmlRead.Child(result, "DBSnapshots"), "DBSnapshot").Select(e => new RdsSnapshotView(e));
}
