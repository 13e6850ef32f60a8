using AutoPR.Images.Build;

namespace AutoPR.Images.Tests;

/// <summary>.dockerignore matching with the docker CLI's semantics.</summary>
public sealed class DockerIgnoreTests
{
    [Theory]
    [InlineData("artifacts/publish/service/AutoPR.Service", false)]
    [InlineData("artifacts/publish/service/runtimes/linux-x64/lib.so", false)]
    [InlineData("artifacts/publish/service/AutoPR.Service.pdb", true)]
    [InlineData("artifacts/publish/service/sub/x.pdb", true)]
    [InlineData("artifacts/publish/other/a.dll", true)]
    [InlineData("artifacts/docker/image.json", true)]
    [InlineData("src/AutoPR.Service/Program.cs", true)]
    [InlineData(".git/HEAD", true)]
    [InlineData("Dockerfile", true)]
    public void The_repository_rules_keep_only_the_published_service(string path, bool excluded)
    {
        var ignore = DockerIgnore.Parse(RepositoryDockerIgnore());

        Assert.Equal(excluded, ignore.IsExcluded(path));
    }

    [Fact]
    public void Excluded_folders_are_walked_only_when_an_exception_names_a_path_beneath_them()
    {
        var ignore = DockerIgnore.Parse(RepositoryDockerIgnore());

        Assert.True(ignore.HasExceptions);
        Assert.True(ignore.MayReincludeBeneath("artifacts"));
        Assert.True(ignore.MayReincludeBeneath("artifacts/publish"));
        Assert.False(ignore.MayReincludeBeneath("src"));
        Assert.False(ignore.MayReincludeBeneath("artifacts/docker"));
    }

    [Theory]
    [InlineData("*.md", "README.md", true)]
    [InlineData("*.md", "docs/README.md", false)]
    [InlineData("**/*.md", "docs/README.md", true)]
    [InlineData("**/*.md", "README.md", true)]
    [InlineData("docs", "docs/a/b.txt", true)]
    [InlineData("/bin", "bin/x.dll", true)]
    [InlineData("/bin", "src/bin/x.dll", false)]
    [InlineData("a/../b", "b/file", true)]
    [InlineData("./obj/", "obj/file", true)]
    [InlineData("?.txt", "a.txt", true)]
    [InlineData("?.txt", "ab.txt", false)]
    [InlineData("[ab].txt", "b.txt", true)]
    [InlineData("[ab].txt", "c.txt", false)]
    [InlineData("dir/**", "dir/x/y", true)]
    [InlineData("dir/**/z", "dir/z", true)]
    [InlineData("dir/**/z", "dir/x/y/z", true)]
    [InlineData("**", "anything/at/all", true)]
    [InlineData("a*b", "a/b", false)]
    [InlineData("file(1).txt", "file(1).txt", true)]
    [InlineData("a+b", "aab", false)]
    public void Single_rules_match_like_the_cli(string rule, string path, bool excluded)
    {
        Assert.Equal(excluded, DockerIgnore.Parse(rule).IsExcluded(path));
    }

    [Fact]
    public void The_last_matching_rule_wins_and_comments_and_blank_lines_are_ignored()
    {
        var ignore = DockerIgnore.Parse("""
            # logs are noise
            *.log

            !important.log
            important.log
            !keep/*.log
            """);

        Assert.True(ignore.IsExcluded("debug.log"));
        Assert.True(ignore.IsExcluded("important.log"));
        Assert.False(ignore.IsExcluded("keep/a.log"));
        Assert.False(ignore.IsExcluded("# logs are noise"));
        Assert.False(ignore.IsExcluded("notes.txt"));
    }

    [Fact]
    public void An_exception_re_includes_a_file_inside_an_excluded_folder()
    {
        var ignore = DockerIgnore.Parse("docs\n!docs/keep.md\n");

        Assert.True(ignore.IsExcluded("docs/other.md"));
        Assert.False(ignore.IsExcluded("docs/keep.md"));
        Assert.True(ignore.MayReincludeBeneath("docs"));
    }

    [Fact]
    public void No_rules_exclude_nothing()
    {
        Assert.False(DockerIgnore.Empty.IsExcluded("any/file"));
        Assert.False(DockerIgnore.Parse("\n# only a comment\n").IsExcluded("file"));
    }

    private static string RepositoryDockerIgnore() => File.ReadAllText(Path.Combine(RepositoryRoot.Path, ".dockerignore"));
}
