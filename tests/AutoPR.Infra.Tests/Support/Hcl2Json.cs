using System.Text.Json;
using AutoPR.Build.Tests.GitHubActions;

namespace AutoPR.Infra.Tests.Support;

/// <summary>
/// A real HCL parser: the npm package @cdktf/hcl2json (HashiCorp's hcl compiled to WebAssembly; runs offline).
/// It is pinned by hcl2json/package-lock.json and installed there with `npm ci` on first use.
/// </summary>
internal static class Hcl2Json
{
    private static readonly NodePackage Package = new(
        Path.Combine(RepositoryRoot.Path, "tests", "AutoPR.Infra.Tests", "hcl2json"),
        Path.Combine("@cdktf", "hcl2json", "package.json"),
        "the HCL checks");

    public static string Folder => Package.Folder;

    /// <summary>Each file, by its full path, as the JSON hcl2json makes of it (expressions as "${...}" strings).</summary>
    public static async Task<IReadOnlyDictionary<string, JsonElement>> ParseAsync(IReadOnlyList<string> files)
    {
        var result = await Package.RunAsync(["parse.js", .. files]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"hcl2json (node parse.js) could not parse the Terraform files:\n{result}");
        }

        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }
}
