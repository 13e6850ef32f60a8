using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoPR.EndToEnd.Tests.Support;

/// <summary>
/// A scratch repository root for `./build.sh --root DIR`: the repository's .nuke/parameters.json, deploy/ (templates
/// and environment files) and the image and push records under artifacts/docker, with its own .autopr (locks,
/// history mirror). The compiled build of the real repository runs on it, so a test can change an environment
/// file without touching the repository. DockerBuild cannot run there (no sources): skip it.
/// </summary>
public sealed class BuildInputsCopy : IDisposable
{
    public BuildInputsCopy(string purpose)
    {
        Root = Directory.CreateTempSubdirectory($"autopr-e2e-{purpose}-").FullName;
        Copy(Path.Combine(".nuke", "parameters.json"));
        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.Combine("deploy"), "*", SearchOption.AllDirectories))
        {
            Copy(Path.GetRelativePath(RepositoryRoot.Path, file));
        }

        foreach (var record in new[] { "image.json", "push-local.json" })
        {
            if (File.Exists(RepositoryRoot.Combine("artifacts", "docker", record)))
            {
                Copy(Path.Combine("artifacts", "docker", record));
            }
        }
    }

    public string Root { get; }

    public string EnvironmentFile(string name) => Path.Combine(Root, "deploy", "environments", name + ".json");

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
            // A scratch directory under /tmp; a leftover harms nothing.
        }
    }

    private void Copy(string relativePath)
    {
        var target = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(RepositoryRoot.Combine(relativePath), target, overwrite: true);
    }
}
