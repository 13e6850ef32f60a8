using AutoPR.Images;
using AutoPR.Images.Build;
using CliWrap;
using CliWrap.Buffered;

namespace AutoPR.Images.Tests;

/// <summary>Image tags from git: the commit for a clean tree, a content-derived dirty tag otherwise.</summary>
public sealed class SourceRevisionTests
{
    [Fact]
    public void A_clean_tag_is_the_commit_and_a_dirty_tag_never_is()
    {
        const string Commit = "0123456789abcdef0123456789abcdef01234567";

        Assert.Equal(Commit, SourceRevision.TagFor(Commit, null));
        Assert.Equal(Commit + "-dirty-aabbccddeeff", SourceRevision.TagFor(Commit, "aabbccddeeff"));
    }

    [Fact]
    public async Task Tags_follow_the_working_tree_content()
    {
        using var repository = new TemporaryDirectory();
        await GitAsync(repository, "init", "-q");
        await File.WriteAllTextAsync(Path.Combine(repository.Path, "a.txt"), "one");
        await GitAsync(repository, "add", "a.txt");
        await GitAsync(repository, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "first");
        var commit = (await GitAsync(repository, "rev-parse", "HEAD")).Trim();

        var clean = await SourceRevision.ReadAsync(repository.Path);
        await File.WriteAllTextAsync(Path.Combine(repository.Path, "a.txt"), "two");
        var edited = await SourceRevision.ReadAsync(repository.Path);
        var editedAgain = await SourceRevision.ReadAsync(repository.Path);
        await File.WriteAllTextAsync(Path.Combine(repository.Path, "a.txt"), "three");
        var editedOtherwise = await SourceRevision.ReadAsync(repository.Path);
        await File.WriteAllTextAsync(Path.Combine(repository.Path, "a.txt"), "one");
        var reverted = await SourceRevision.ReadAsync(repository.Path);
        await File.WriteAllTextAsync(Path.Combine(repository.Path, "new.txt"), "untracked");
        var untracked = await SourceRevision.ReadAsync(repository.Path);
        await File.WriteAllTextAsync(Path.Combine(repository.Path, "new.txt"), "untracked, changed");
        var untrackedChanged = await SourceRevision.ReadAsync(repository.Path);

        Assert.Equal(commit, clean.ImageTag);
        Assert.False(clean.IsDirty);
        Assert.Matches($"^{commit}-dirty-[0-9a-f]{{12}}$", edited.ImageTag);
        Assert.Equal(edited.ImageTag, editedAgain.ImageTag);
        Assert.NotEqual(edited.ImageTag, editedOtherwise.ImageTag);
        Assert.Equal(commit, reverted.ImageTag);
        Assert.True(untracked.IsDirty);
        Assert.NotEqual(untracked.ImageTag, untrackedChanged.ImageTag);
        Assert.Null(clean.SourceUrl);
    }

    [Fact]
    public async Task A_folder_without_commits_fails_saying_so()
    {
        using var repository = new TemporaryDirectory();
        await GitAsync(repository, "init", "-q");

        var error = await Assert.ThrowsAsync<DockerOperationException>(() => SourceRevision.ReadAsync(repository.Path));

        Assert.Contains("no commit yet", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://user:secret@example.invalid/org/repo.git", "https://example.invalid/org/repo.git")]
    [InlineData("https://example.invalid/org/repo.git", "https://example.invalid/org/repo.git")]
    [InlineData("git@example.invalid:org/repo.git", "git@example.invalid:org/repo.git")]
    public void Remote_urls_lose_their_credentials(string url, string expected)
    {
        Assert.Equal(expected, SourceRevision.WithoutCredentials(url));
    }

    private static async Task<string> GitAsync(TemporaryDirectory repository, params string[] arguments)
    {
        var result = await Cli.Wrap("git").WithArguments(arguments).WithWorkingDirectory(repository.Path).ExecuteBufferedAsync();
        return result.StandardOutput;
    }
}
