namespace AutoPR.LocalEcs.Tasks;

/// <summary>Splits an image reference into repository and tag or digest, minding registry ports ("127.0.0.1:5000/app:1").</summary>
public sealed record ImageReference(string Repository, string? Tag, string? Digest)
{
    public static ImageReference Parse(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            var withoutDigest = Parse(image[..at]);
            return withoutDigest with { Digest = image[(at + 1)..] };
        }

        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash
            ? new ImageReference(image[..colon], image[(colon + 1)..], null)
            : new ImageReference(image, null, null);
    }

    /// <summary>The tag or digest to pull: the digest wins, then the tag, then latest.</summary>
    public string PullTag => Digest ?? Tag ?? "latest";
}
