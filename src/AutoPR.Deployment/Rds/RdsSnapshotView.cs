using System.Xml.Linq;
using AutoPR.Deployment.Aws.Protocol;

namespace AutoPR.Deployment.Rds;

/// <summary>What a deployment needs of a DBSnapshot element; <see cref="Xml"/> has the rest.</summary>
public sealed class RdsSnapshotView(XElement xml)
{
    /// <summary>The element as the service sent it.</summary>
    public XElement Xml { get; } = xml;

    /// <summary>DBSnapshotIdentifier.</summary>
    public string? Identifier => XmlRead.GetString(Xml, "DBSnapshotIdentifier");

    /// <summary>DBInstanceIdentifier: the instance the snapshot was taken of.</summary>
    public string? InstanceIdentifier => XmlRead.GetString(Xml, "DBInstanceIdentifier");

    /// <summary>Status ("creating", "available", "failed", ...).</summary>
    public string? Status => XmlRead.GetString(Xml, "Status");

    /// <summary>PercentProgress (0-100).</summary>
    public int? PercentProgress => XmlRead.GetInt(Xml, "PercentProgress");

    /// <summary>SnapshotCreateTime; absent while the snapshot is being created.</summary>
    public DateTimeOffset? CreatedAt => XmlRead.GetTimestamp(Xml, "SnapshotCreateTime");

    /// <summary>DBSnapshotArn.</summary>
    public string? Arn => XmlRead.GetString(Xml, "DBSnapshotArn");

    /// <summary>Whether the snapshot is complete and can be restored.</summary>
    public bool IsAvailable => Status == "available";

    /// <inheritdoc />
    public override string ToString() => $"{Identifier} of {InstanceIdentifier}: {Status} ({PercentProgress} %)";
}
