using System.Globalization;

namespace AutoPR.Deployment.Rollback;

/// <summary>Where a manual rollback goes.</summary>
public abstract record RollbackTarget
{
    private RollbackTarget()
    {
    }

    /// <summary>The previous verified deployment (or, while a deployment is in progress, ECS's rollback of it).</summary>
    public static RollbackTarget Previous { get; } = new PreviousTarget();

    /// <summary>Revision N of the environment's task-definition family.</summary>
    public static RollbackTarget ToRevision(int revision) => revision > 0
        ? new RevisionTarget(revision)
        : throw new ArgumentOutOfRangeException(nameof(revision), revision, "a task-definition revision is a positive number");

    /// <summary>The newest revision running an image, by digest (sha256:...) or by tag.</summary>
    public static RollbackTarget ToImage(string digestOrTag)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(digestOrTag);
        return new ImageTarget(digestOrTag.Trim());
    }

    /// <summary>The previous verified deployment.</summary>
    public sealed record PreviousTarget : RollbackTarget
    {
        /// <inheritdoc />
        public override string ToString() => "the previous verified deployment";
    }

    /// <summary>A revision number.</summary>
    public sealed record RevisionTarget(int Revision) : RollbackTarget
    {
        /// <inheritdoc />
        public override string ToString() => "revision " + Revision.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An image digest or tag.</summary>
    public sealed record ImageTarget(string DigestOrTag) : RollbackTarget
    {
        /// <inheritdoc />
        public override string ToString() => "image " + DigestOrTag;
    }
}
