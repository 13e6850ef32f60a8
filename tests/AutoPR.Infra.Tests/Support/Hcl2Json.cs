using System.Text.Json;
using AutoPR.Build.Tests.GitHubActions;

namespace AutoPR.Infra.Tests.Support;

/// <summary>
/// A real HCL parser: the npm package @cdktf/hcl2json (HashiCorp's hcl compiled to WebAssembly; runs offline).
/// It is pinned by hcl2json/package-lock.json and installed there with `npm ci` on first use.
/// </summary>
internal static class Hcl2Json
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool _installed;

    public static string Folder => Path.Combine(RepositoryRoot.Path, "tests", "AutoPR.Infra.Tests", "hcl2json");

    /// <summary>Each file, by its full path, as the JSON hcl2json makes of it (expressions as "${...}" strings).</summary>
    public static async Task<IReadOnlyDictionary<string, JsonElement>> ParseAsync(IReadOnlyList<string> files)
    {
        await EnsureInstalledAsync();
        var result = await ChildProcess.RunAsync("node", ["parse.js", .. files], Folder, TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"hcl2json (node parse.js) could not parse the Terraform files:\n{result}");
        }

        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (_installed)
            {
                return;
            }

            await RequireAsync("node");
            if (!File.Exists(Path.Combine(Folder, "node_modules", "@cdktf", "hcl2json", "package.json")))
            {
                await RequireAsync("npm");
                var install = await ChildProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Folder, TimeSpan.FromMinutes(5));
                if (install.ExitCode != 0)
                {
                    throw new InvalidOperationException($"`npm ci` in {Folder} failed; the HCL checks cannot run without it:\n{install}");
                }
            }

            _installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static async Task RequireAsync(string tool)
    {
        try
        {
            var version = await ChildProcess.RunAsync(tool, ["--version"], Folder, TimeSpan.FromMinutes(1));
            if (version.ExitCode == 0)
            {
                return;
            }
        }
        catch (InvalidOperationException)
        {
        }

        throw new InvalidOperationException($"The infra tests parse the Terraform with Node.js: `{tool}` was not found on PATH. Install Node.js 20 or newer with npm.");
    }
}
