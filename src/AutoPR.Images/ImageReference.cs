using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace AutoPR.Images;

/// <summary>
/// One image in one repository: <c>REGISTRY/REPOSITORY[:TAG][@sha256:HEX]</c>. Tags move, digests do not, so
/// deployments run <see cref="Pinned"/> references; the tag is kept for people. The only place that writes an
/// <c>@sha256:</c> reference is <see cref="Pinned"/>.
/// </summary>
[JsonConverter(typeof(ImageReferenceJsonConverter))]
public sealed partial record ImageReference
{
    /// <summary>An image pinned by digest, optionally with the tag it was pushed as.</summary>
    public ImageReference(string registry, string repository, string digest, string? tag = null)
        : this(registry, repository, tag, RequireDigest(digest), pinned: true)
    {
    }

    private ImageReference(string registry, string repository, string? tag, string? digest, bool pinned)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registry);
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        if (tag is not null && !TagPattern().IsMatch(tag))
        {
            throw new ArgumentException($"'{tag}' is not an image tag; fix: use up to 128 letters, digits, '_', '.' and '-'", nameof(tag));
        }

        if (!pinned && tag is null)
        {
            throw new ArgumentException("an image reference needs a tag or a digest", nameof(tag));
        }

        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>Registry host[:port] ("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "127.0.0.1:5000").</summary>
    public string Registry { get; }

    /// <summary>Repository name ("autopr").</summary>
    public string Repository { get; }

    /// <summary>The tag ("3f2c1e0..."), when known.</summary>
    public string? Tag { get; }

    /// <summary>"sha256:..." digest of the image manifest; null for an image known only by tag (not pushed yet).</summary>
    public string? Digest { get; }

    /// <summary>Whether the digest is known.</summary>
    [MemberNotNullWhen(true, nameof(Digest))]
    public bool IsPinned => Digest is not null;

    /// <summary>The reference a task definition runs: REGISTRY/REPOSITORY@DIGEST.</summary>
    public string Pinned => IsPinned
        ? $"{Name}@{Digest}"
        : throw new InvalidOperationException($"{Tagged} has no digest yet; fix: push it (PushEcr) so the deployment can pin it");

    /// <summary>REGISTRY/REPOSITORY:TAG (REGISTRY/REPOSITORY when there is no tag).</summary>
    public string Tagged => Tag is null ? Name : $"{Name}:{Tag}";

    /// <summary>REGISTRY/REPOSITORY.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>What to put in a task definition: <see cref="Pinned"/> when the digest is known, else <see cref="Tagged"/>.</summary>
    public string Runnable => IsPinned ? Pinned : Tagged;

    /// <summary>A short, stable tag made from the digest (its first 12 hex characters), for an image that has no tag.</summary>
    public string DigestTag => IsPinned ? Digest["sha256:".Length..][..12] : throw new InvalidOperationException(Tagged + " has no digest");

    /// <summary>An image known by tag only: what a push would create, before its digest exists.</summary>
    public static ImageReference Unpinned(string registry, string repository, string tag) => new(registry, repository, tag, null, pinned: false);

    /// <summary>This image, pinned by <paramref name="digest"/>.</summary>
    public ImageReference WithDigest(string digest) => new(Registry, Repository, digest, Tag);

    /// <summary>This image under another tag (the same digest).</summary>
    public ImageReference WithTag(string? tag) => new(Registry, Repository, tag, Digest, IsPinned);

    /// <summary>Whether <paramref name="value"/> is a sha256 digest.</summary>
    public static bool IsDigest(string? value) => value is not null && DigestPattern().IsMatch(value);

    /// <summary>Parses REGISTRY/REPOSITORY[:TAG][@sha256:HEX] (the form <see cref="ToString"/> writes).</summary>
    public static ImageReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        var at = reference.LastIndexOf('@');
        var name = at < 0 ? reference : reference[..at];
        var digest = at < 0 ? null : reference[(at + 1)..];
        var colon = name.LastIndexOf(':');
        var tag = colon > slash ? name[(colon + 1)..] : null;
        var repository = colon > slash ? name[(slash + 1)..colon] : name[(slash + 1)..];
        if (slash <= 0 || repository.Length == 0 || (digest is null && tag is null) || (digest is not null && !IsDigest(digest)))
        {
            throw new FormatException($"'{reference}' is not an image reference; fix: use REGISTRY/REPOSITORY:TAG or REGISTRY/REPOSITORY@sha256:DIGEST");
        }

        return digest is null ? Unpinned(reference[..slash], repository, tag!) : new ImageReference(reference[..slash], repository, digest, tag);
    }

    /// <summary>Parses like <see cref="Parse"/>; null for anything that is not an image reference.</summary>
    public static ImageReference? TryParse(string? reference)
    {
        try
        {
            return reference is null ? null : Parse(reference);
        }
        catch (Exception error) when (error is FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The digest inside an image reference ("...@sha256:..."), or null when it is pinned by tag only.</summary>
    public static string? DigestOf(string? image)
    {
        var at = image?.LastIndexOf('@') ?? -1;
        return at >= 0 && IsDigest(image![(at + 1)..]) ? image[(at + 1)..] : null;
    }

    /// <summary>REGISTRY/REPOSITORY:TAG@DIGEST, or whichever parts are known.</summary>
    public override string ToString() => IsPinned && Tag is not null ? Tagged + Pinned[Name.Length..] : Runnable;

    private static string RequireDigest(string digest) => IsDigest(digest)
        ? digest
        : throw new ArgumentException($"'{digest}' is not an image digest; fix: pass sha256: followed by 64 lower-case hex characters (the digest PushEcr reports)", nameof(digest));

    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
