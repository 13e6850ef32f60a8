using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace AutoPR.Images.Build;

/// <summary>
/// The git revision an image is built from. A clean tree is tagged with its commit; a dirty one
/// with `&lt;commit&gt;-dirty-&lt;hash&gt;`, the hash taken over the uncommitted diff and the untracked
/// files, so the same changes give the same tag and no change set ever takes the clean tag.
/// </summary>
/// <param name="Commit">Full sha of HEAD.</param>
/// <param name="CommitTime">Committer date of HEAD (the image's created time: reproducible).</param>
/// <param name="DirtyHash">12 hex digits over the uncommitted changes; null for a clean tree.</param>
/// <param name="SourceUrl">The origin remote without credentials; null without one.</param>
public sealed record SourceRevision(string Commit, DateTimeOffset CommitTime, string? DirtyHash, string? SourceUrl)
{
    public bool IsDirty => DirtyHash is not null;

    /// <summary>The image tag for this revision.</summary>
    public string ImageTag => TagFor(Commit, DirtyHash);

    public static string TagFor(string commit, string? dirtyHash) =>
        dirtyHash is null ? commit : $"{commit}-dirty-{dirtyHash}";

    public static async Task<SourceRevision> ReadAsync(string repositoryRoot, CancellationToken cancellationToken = default)
    {
        var head = await GitAsync(repositoryRoot, ["log", "-1", "--format=%H%n%cI"], cancellationToken, "has no commit yet: commit first, the image tag is the commit");
        var lines = head.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var commit = lines[0];
        var commitTime = DateTimeOffset.Parse(lines[1], CultureInfo.InvariantCulture);
        var status = await GitAsync(repositoryRoot, ["status", "--porcelain=v1", "--untracked-files=all"], cancellationToken);
        var dirtyHash = status.Trim().Length == 0 ? null : await HashChangesAsync(repositoryRoot, cancellationToken);
        var origin = await TryGitAsync(repositoryRoot, ["remote", "get-url", "origin"], cancellationToken);
        return new SourceRevision(commit, commitTime, dirtyHash, WithoutCredentials(origin?.Trim()));
    }

    /// <summary>A remote URL without user:password@, which must never reach an image label.</summary>
    internal static string? WithoutCredentials(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
        {
            return new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString().TrimEnd('/');
        }

        return url;
    }

    private static async Task<string> HashChangesAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var diff = new MemoryStream())
        {
            var result = await Cli.Wrap("git")
                .WithArguments(["diff", "HEAD", "--binary", "--no-ext-diff", "--no-color", "--no-renames"])
                .WithWorkingDirectory(repositoryRoot)
                .WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.ToStream(diff))
                .ExecuteAsync(cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new DockerOperationException($"git diff failed in {repositoryRoot} with exit code {result.ExitCode}.");
            }

            hash.AppendData(diff.GetBuffer(), 0, (int)diff.Length);
        }

        var untracked = await GitAsync(repositoryRoot, ["ls-files", "--others", "--exclude-standard", "-z"], cancellationToken);
        foreach (var path in untracked.Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes("\0untracked\0" + path + "\0"));
            var file = Path.Combine(repositoryRoot, path);
            if (File.Exists(file))
            {
                hash.AppendData(await File.ReadAllBytesAsync(file, cancellationToken));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    private static async Task<string> GitAsync(string repositoryRoot, string[] arguments, CancellationToken cancellationToken, string? failureHint = null)
    {
        var result = await Cli.Wrap("git")
            .WithArguments(arguments)
            .WithWorkingDirectory(repositoryRoot)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            var reason = failureHint ?? result.StandardError.Trim().Split('\n')[0];
            throw new DockerOperationException($"git {arguments[0]} failed in {repositoryRoot}: {reason} ({result.StandardError.Trim().Split('\n')[0]})");
        }

        return result.StandardOutput;
    }

    private static async Task<string?> TryGitAsync(string repositoryRoot, string[] arguments, CancellationToken cancellationToken)
    {
        var result = await Cli.Wrap("git")
            .WithArguments(arguments)
            .WithWorkingDirectory(repositoryRoot)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        return result.ExitCode == 0 ? result.StandardOutput : null;
    }
}
