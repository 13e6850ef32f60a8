using System.Formats.Tar;
using AutoPR.Images.Build;

namespace AutoPR.Images.Tests;

/// <summary>The context tar: what goes in, with which metadata, and that it is reproducible.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BuildContextTests
{
    [Fact]
    public async Task Only_files_left_in_by_dockerignore_go_in_plus_the_dockerfile_with_root_owner_and_modes_kept()
    {
        using var folder = new TemporaryDirectory();
        Write(folder, ".dockerignore", "*\n!app/\napp/**/*.pdb\n");
        Write(folder, "Dockerfile", "FROM scratch\n");
        Write(folder, "app/service", "binary");
        File.SetUnixFileMode(Path.Combine(folder.Path, "app/service"), (UnixFileMode)Convert.ToInt32("755", 8));
        Write(folder, "app/service.pdb", "symbols");
        Write(folder, "app/lib/a.dll", "a");
        Write(folder, "src/Program.cs", "code");
        Write(folder, "notes.txt", "notes");

        using var context = await BuildContext.CreateAsync(folder.Path, "Dockerfile", CancellationToken.None);
        var entries = await ReadEntriesAsync(context.Archive);

        Assert.Equal(
            [".dockerignore", "Dockerfile", "app/", "app/lib/", "app/lib/a.dll", "app/service"],
            entries.Select(entry => entry.Name).ToArray());
        Assert.Equal(4, context.FileCount);
        Assert.All(entries, entry => Assert.Equal(0, entry.Uid));
        Assert.All(entries, entry => Assert.Equal(BuildContext.EntryTimestamp, entry.ModificationTime));
        Assert.Equal((UnixFileMode)Convert.ToInt32("755", 8), entries.Single(entry => entry.Name == "app/service").Mode);
    }

    [Fact]
    public async Task The_same_files_give_the_same_digest_whatever_their_times_and_a_changed_file_another()
    {
        using var folder = new TemporaryDirectory();
        Write(folder, "Dockerfile", "FROM scratch\n");
        Write(folder, "a.txt", "one");

        string first;
        using (var context = await BuildContext.CreateAsync(folder.Path, "Dockerfile", CancellationToken.None))
        {
            first = context.Digest;
        }

        File.SetLastWriteTimeUtc(Path.Combine(folder.Path, "a.txt"), DateTime.UtcNow.AddHours(-3));
        using var touched = await BuildContext.CreateAsync(folder.Path, "Dockerfile", CancellationToken.None);
        Write(folder, "a.txt", "two");
        using var changed = await BuildContext.CreateAsync(folder.Path, "Dockerfile", CancellationToken.None);

        Assert.StartsWith("sha256:", first, StringComparison.Ordinal);
        Assert.Equal(first, touched.Digest);
        Assert.NotEqual(first, changed.Digest);
    }

    [Fact]
    public async Task An_excluded_dockerfile_is_still_sent()
    {
        using var folder = new TemporaryDirectory();
        Write(folder, ".dockerignore", "build/\n");
        Write(folder, "build/Dockerfile", "FROM scratch\n");
        Write(folder, "build/other", "x");

        using var context = await BuildContext.CreateAsync(folder.Path, "build/Dockerfile", CancellationToken.None);
        var names = (await ReadEntriesAsync(context.Archive)).Select(entry => entry.Name).ToArray();

        Assert.Contains("build/Dockerfile", names);
        Assert.DoesNotContain("build/other", names);
    }

    private static void Write(TemporaryDirectory folder, string relative, string content)
    {
        var path = Path.Combine(folder.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static async Task<List<TarEntry>> ReadEntriesAsync(Stream archive)
    {
        var entries = new List<TarEntry>();
        var copy = new MemoryStream();
        await archive.CopyToAsync(copy);
        archive.Position = 0;
        copy.Position = 0;
        await using var reader = new TarReader(copy);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            entries.Add(entry);
        }

        return entries;
    }
}
