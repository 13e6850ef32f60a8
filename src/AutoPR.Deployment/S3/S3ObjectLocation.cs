namespace AutoPR.Deployment.S3;

/// <summary>An object in S3, written as s3://bucket/key.</summary>
public sealed record S3ObjectLocation(string Bucket, string Key)
{
    /// <summary>Reads "s3://bucket/key"; null when <paramref name="text"/> is not of that form.</summary>
    public static S3ObjectLocation? TryParse(string? text)
    {
        const string scheme = "s3://";
        if (text is null || !text.StartsWith(scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = text[scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 || slash == rest.Length - 1 ? null : new S3ObjectLocation(rest[..slash], rest[(slash + 1)..]);
    }

    /// <inheritdoc />
    public override string ToString() => $"s3://{Bucket}/{Key}";
}
