using AutoPR.Build.Tests.Support;
using AutoPR.BuildDefinition.LocalStack;

namespace AutoPR.Build.Tests.LocalStack;

/// <summary>
/// LocalUp replaces a running LocalEcs built from other sources: the fingerprint must change with what LocalEcs is built
/// from, and only with that.
/// </summary>
public sealed class LocalEcsSourcesTests
{
    [Fact]
    public void The_fingerprint_changes_with_the_sources_and_shared_build_files_and_not_with_build_output()
    {
        using var repository = new TempDirectory("localecs-sources");
        var project = repository.Write("src/AutoPR.LocalEcs/AutoPR.LocalEcs.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        repository.Write("src/AutoPR.LocalEcs/Ecs/Api.cs", "class Api { }");
        repository.Write("Directory.Packages.props", "<Project />");
        var path = AbsolutePath.Create(project);
        var original = LocalEcsSources.Fingerprint(path);

        Assert.Matches("^[0-9a-f]{64}$", original);
        Assert.Equal(original, LocalEcsSources.Fingerprint(path));

        // Build output and other projects are not what LocalEcs is built from.
        repository.Write("src/AutoPR.LocalEcs/bin/Release/AutoPR.LocalEcs.dll", "binary");
        repository.Write("src/AutoPR.LocalEcs/obj/project.assets.json", "{}");
        repository.Write("src/AutoPR.Deployment/Deployments.cs", "class Deployments { }");
        Assert.Equal(original, LocalEcsSources.Fingerprint(path));

        repository.Write("src/AutoPR.LocalEcs/Ecs/Api.cs", "class Api { void PutMetricAlarm() { } }");
        var edited = LocalEcsSources.Fingerprint(path);
        Assert.NotEqual(original, edited);

        repository.Write("src/AutoPR.LocalEcs/Ecs/Alarms.cs", "class Alarms { }");
        var added = LocalEcsSources.Fingerprint(path);
        Assert.NotEqual(edited, added);

        repository.Write("Directory.Packages.props", "<Project><ItemGroup /></Project>");
        Assert.NotEqual(added, LocalEcsSources.Fingerprint(path));
    }

    [Fact]
    public void A_file_moved_to_another_folder_changes_the_fingerprint()
    {
        using var repository = new TempDirectory("localecs-sources");
        var project = AbsolutePath.Create(repository.Write("src/AutoPR.LocalEcs/AutoPR.LocalEcs.csproj", "<Project />"));
        var file = repository.Write("src/AutoPR.LocalEcs/A/Same.cs", "class Same { }");
        var before = LocalEcsSources.Fingerprint(project);

        Directory.CreateDirectory(repository.Combine("src/AutoPR.LocalEcs/B"));
        File.Move(file, repository.Combine("src/AutoPR.LocalEcs/B/Same.cs"));

        Assert.NotEqual(before, LocalEcsSources.Fingerprint(project));
    }

    [Fact]
    public void The_sources_are_the_roots_own_when_it_has_them()
    {
        using var repository = new TempDirectory("localecs-sources");
        var project = repository.Write("src/AutoPR.LocalEcs/AutoPR.LocalEcs.csproj", "<Project />");

        Assert.Equal(project, (string)LocalEcsSources.Find(AbsolutePath.Create(repository.Path)));
    }
}
