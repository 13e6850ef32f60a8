using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoPR.EndToEnd.Tests.Support;

/// <summary>
/// A scratch repository root for `./build.sh --root DIR`: .nuke/parameters.json, deploy/ (templates and environment
/// files) and the image and push records under artifacts/docker of a source root (the repository, or the tests' own
/// stack root), with its own .autopr (local stack state, locks, history mirror). The compiled build of the real
/// repository runs on it, so a test can change an environment file without touching the repository. DockerBuild
/// cannot run there (no sources): skip it.
/// </summary>
public sealed class BuildInputsCopy : IDisposable
{
    private static readonly string[] Records = ["image.json", "push-local.json"];
    private readonly string _source;

    /// <summary>A copy in a new temporary directory, removed on dispose.</summary>
    public BuildInputsCopy(string purpose, string source)
        : this(Directory.CreateTempSubdirectory($"autopr-e2e-{purpose}-").FullName, source, fresh: false)
    {
    }

    private BuildInputsCopy(string root, string source, bool fresh)
    {
        if (fresh && Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Root = root;
        _source = source;
        Copy(Path.Combine(".nuke", "parameters.json"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(source, "deploy"), "*", SearchOption.AllDirectories))
        {
            Copy(Path.GetRelativePath(source, file));
        }

        CopyRecords();
    }

    public string Root { get; }

    /// <summary>A copy at <paramref name="root"/>, replacing whatever was there.</summary>
    public static BuildInputsCopy Fresh(string root, string source) => new(root, source, fresh: true);

    public string EnvironmentFile(string name) => Path.Combine(Root, "deploy", "environments", name + ".json");

    /// <summary>Copies the source's image and push records again (after a DockerBuild there).</summary>
    public void CopyRecords()
    {
        foreach (var record in Records.Select(r => Path.Combine("artifacts", "docker", r)).Where(r => File.Exists(Path.Combine(_source, r))))
        {
            Copy(record);
        }
    }

    /// <summary>Changes an environment file of the copy through its JSON.</summary>
    public void EditEnvironment(string name, Action<JsonObject> change)
    {
        var path = EnvironmentFile(name);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(json);
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Replaces an environment file's text (for syntax errors).</summary>
    public void WriteEnvironment(string name, string text) => File.WriteAllText(EnvironmentFile(name), text);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A scratch directory; a leftover harms nothing.
        }
    }

    private void Copy(string relativePath)
    {
        var target = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(Path.Combine(_source, relativePath), target, overwrite: true);
    }
}
