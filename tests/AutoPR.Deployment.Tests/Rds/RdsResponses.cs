using System.Net;
using System.Text;

namespace AutoPR.Deployment.Tests.Rds;

/// <summary>RDS Query-protocol answers shaped as RDS sends them (namespaced XML, ResponseMetadata, ErrorResponse).</summary>
public static class RdsResponses
{
    public const string Namespace = "http://rds.amazonaws.com/doc/2014-10-31/";
    public const string SnapshotArn = "arn:aws:rds:eu-west-1:123456789012:snapshot:autopr-pre-migrate-abc1234";

    public static string Snapshot(string identifier = "autopr-pre-migrate-abc1234", string status = "creating", int progress = 0, string? createTime = null) => $"""
        <DBSnapshot>
          <DBSnapshotIdentifier>{identifier}</DBSnapshotIdentifier>
          <DBInstanceIdentifier>autopr-dev</DBInstanceIdentifier>
          {(createTime is null ? string.Empty : $"<SnapshotCreateTime>{createTime}</SnapshotCreateTime>")}
          <Engine>postgres</Engine>
          <AllocatedStorage>20</AllocatedStorage>
          <Status>{status}</Status>
          <PercentProgress>{progress}</PercentProgress>
          <SnapshotType>manual</SnapshotType>
          <DBSnapshotArn>{SnapshotArn}</DBSnapshotArn>
          <TagList><Tag><Key>revision</Key><Value>abc1234</Value></Tag></TagList>
        </DBSnapshot>
        """;

    public static HttpResponseMessage Result(string operation, string inner, string requestId = "7f6a2b3c-rds") =>
        Xml(HttpStatusCode.OK, $"""
            <{operation}Response xmlns="{Namespace}">
              <{operation}Result>
                {inner}
              </{operation}Result>
              <ResponseMetadata><RequestId>{requestId}</RequestId></ResponseMetadata>
            </{operation}Response>
            """);

    public static HttpResponseMessage Error(HttpStatusCode status, string code, string message, string type = "Sender") =>
        Xml(status, $"""
            <ErrorResponse xmlns="{Namespace}">
              <Error><Type>{type}</Type><Code>{code}</Code><Message>{message}</Message></Error>
              <RequestId>err-{code}</RequestId>
            </ErrorResponse>
            """);

    public static HttpResponseMessage Xml(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };

    /// <summary>The form fields of a Query request, in order, decoded.</summary>
    public static List<(string Name, string Value)> Fields(string body) =>
        [.. body.Split('&').Select(pair => pair.Split('=', 2)).Select(p => (Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])))];
}
