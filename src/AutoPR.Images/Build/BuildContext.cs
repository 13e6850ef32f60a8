using System.Formats.Tar;

namespace AutoPR.Images.Build;

/// <summary>
/// The build context as the tar stream the engine expects: the files of a folder that
/// .dockerignore leaves in (the Dockerfile and .dockerignore always go, as with the CLI), in a
/// stable order with root ownership and a fixed timestamp, so the same files give the same bytes
/// (and the same digest).
/// </summary>
public sealed class BuildContext : IDisposable
{
    /// <summary>Timestamp of every entry: file times carry no meaning for the image and would defeat reproducibility.</summary>
    public static readonly DateTimeOffset EntryTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private BuildContext(MemoryStream archive, string digest, int fileCount)
    {
        Archive = archive;
        Digest = digest;
        FileCount = fileCount;
    }

    /// <summary>The tar stream, positioned at its start.</summary>
    public Stream Archive { get; }

    /// <summary>sha256:... of the tar bytes.</summary>
    public string Digest { get; }

    public int FileCount { get; }

    public long Size => Archive.Length;

    /// <summary>The context in memory (for inspection; builds stream it with <see cref="WriteAsync"/>).</summary>
    public static async Task<BuildContext> CreateAsync(string contextDirectory, string dockerfile, CancellationToken cancellationToken)
    {
        var archive = new MemoryStream();
        var summary = await WriteAsync(contextDirectory, dockerfile, archive, cancellationToken);
        archive.Position = 0;
        return new BuildContext(archive, summary.Digest, summary.FileCount);
    }

    /// <summary>Writes the context tar to <paramref name="destination"/> as it is read, hashing and counting on the way.</summary>
    public static async Task<BuildContextSummary> WriteAsync(string contextDirectory, string dockerfile, Stream destination, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(contextDirectory);
        var ignore = await DockerIgnore.LoadAsync(root, cancellationToken);
        var alwaysSent = new HashSet<string>(StringComparer.Ordinal) { DockerIgnore.CleanPath(dockerfile.Replace('\\', '/')), ".dockerignore" };
        await using var hashing = new HashingStream(destination);
        int fileCount;
        await using (var writer = new TarWriter(hashing, TarEntryFormat.Pax, leaveOpen: true))
        {
            fileCount = await AddFolderAsync(writer, root, "", ignore, alwaysSent, cancellationToken);
        }

        await hashing.FlushAsync(cancellationToken);
        return new BuildContextSummary(hashing.Digest(), fileCount, hashing.Length);
    }

    private static async Task<int> AddFolderAsync(
        TarWriter writer, string root, string relativeFolder, DockerIgnore ignore, HashSet<string> alwaysSent, CancellationToken cancellationToken)
    {
        var count = 0;
        var folder = new DirectoryInfo(Path.Combine(root, relativeFolder));
        foreach (var entry in folder.EnumerateFileSystemInfos().OrderBy(info => info.Name, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = relativeFolder.Length == 0 ? entry.Name : relativeFolder + "/" + entry.Name;
            var isFolder = entry is DirectoryInfo && entry.LinkTarget is null;
            if (!alwaysSent.Contains(relative) && ignore.IsExcluded(relative))
            {
                // An excluded folder is still walked when an exception rule may re-include something
                // in it, or when it holds the Dockerfile.
                if (isFolder && ((ignore.HasExceptions && ignore.MayReincludeBeneath(relative))
                    || alwaysSent.Any(path => path.StartsWith(relative + "/", StringComparison.Ordinal))))
                {
                    count += await AddFolderAsync(writer, root, relative, ignore, alwaysSent, cancellationToken);
                }

                continue;
            }

            if (entry.LinkTarget is { } target)
            {
                await writer.WriteEntryAsync(Entry(TarEntryType.SymbolicLink, relative, entry, target), cancellationToken);
            }
            else if (isFolder)
            {
                await writer.WriteEntryAsync(Entry(TarEntryType.Directory, relative + "/", entry), cancellationToken);
                count += await AddFolderAsync(writer, root, relative, ignore, alwaysSent, cancellationToken);
            }
            else
            {
                var file = Entry(TarEntryType.RegularFile, relative, entry);
                await using var content = new FileStream(entry.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                file.DataStream = content;
                await writer.WriteEntryAsync(file, cancellationToken);
                count++;
            }
        }

        return count;
    }

    private static PaxTarEntry Entry(TarEntryType type, string name, FileSystemInfo source, string? linkTarget = null)
    {
        var entry = new PaxTarEntry(type, name)
        {
            ModificationTime = EntryTimestamp,
            Uid = 0,
            Gid = 0,
            Mode = OperatingSystem.IsWindows() ? DefaultMode(type) : source.UnixFileMode,
        };
        if (linkTarget is not null)
        {
            entry.LinkName = linkTarget;
        }

        return entry;
    }

    private static UnixFileMode DefaultMode(TarEntryType type) => type == TarEntryType.Directory
        ? (UnixFileMode)Convert.ToInt32("755", 8)
        : (UnixFileMode)Convert.ToInt32("644", 8);

    public void Dispose() => Archive.Dispose();
}
