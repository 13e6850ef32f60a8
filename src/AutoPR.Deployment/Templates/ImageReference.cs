using System.Text.RegularExpressions;

namespace AutoPR.Deployment.Templates;

/// <summary>An image pinned by digest: <c>REGISTRY/REPOSITORY@sha256:HEX</c>. Tags move; digests do not, so deployments use digests.</summary>
public sealed partial record ImageReference
{
    /// <summary>Creates a reference; the digest must be sha256:64 hex characters.</summary>
    public ImageReference(string registry, string repository, string digest)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registry);
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        if (!IsDigest(digest))
        {
            throw new ArgumentException($"'{digest}' is not an image digest; fix: pass sha256: followed by 64 lower-case hex characters (the digest PushEcr reports)", nameof(digest));
        }

        Registry = registry;
        Repository = repository;
        Digest = digest;
    }

    /// <summary>Registry host[:port] ("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "127.0.0.1:5000").</summary>
    public string Registry { get; }

    /// <summary>Repository name ("autopr").</summary>
    public string Repository { get; }

    /// <summary>"sha256:..." digest of the image manifest.</summary>
    public string Digest { get; }

    /// <summary>The reference a task definition uses: REGISTRY/REPOSITORY@DIGEST.</summary>
    public string Pinned => $"{Registry}/{Repository}@{Digest}";

    /// <summary>Whether <paramref name="value"/> is a sha256 digest.</summary>
    public static bool IsDigest(string? value) => value is not null && DigestPattern().IsMatch(value);

    /// <summary>Parses REGISTRY/REPOSITORY@sha256:HEX (the form <see cref="Pinned"/> writes).</summary>
    public static ImageReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var at = reference.LastIndexOf('@');
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        if (at < 0 || slash <= 0 || slash > at)
        {
            throw new FormatException($"'{reference}' is not a pinned image reference; fix: use REGISTRY/REPOSITORY@sha256:DIGEST");
        }

        return new ImageReference(reference[..slash], reference[(slash + 1)..at], reference[(at + 1)..]);
    }

    /// <summary>The digest inside an image reference ("...@sha256:..."), or null when it is pinned by tag only.</summary>
    public static string? DigestOf(string? image)
    {
        var at = image?.LastIndexOf('@') ?? -1;
        return at >= 0 && IsDigest(image![(at + 1)..]) ? image[(at + 1)..] : null;
    }

    /// <inheritdoc />
    public override string ToString() => Pinned;

    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();
}
