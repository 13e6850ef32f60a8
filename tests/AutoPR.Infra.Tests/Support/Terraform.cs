using AutoPR.Build.Tests.GitHubActions;

namespace AutoPR.Infra.Tests.Support;

/// <summary>The real terraform binary: on PATH, or where these machines install it.</summary>
internal static class Terraform
{
    public static readonly string[] WellKnownLocations = ["/usr/local/bin/terraform"];

    /// <summary>The terraform executable on <paramref name="pathVariable"/> or in one of <paramref name="fallbacks"/>; null when there is none.</summary>
    public static string? Find(string? pathVariable, IEnumerable<string> fallbacks)
    {
        string[] names = OperatingSystem.IsWindows() ? ["terraform.exe"] : ["terraform"];
        var candidates = (pathVariable ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => names.Select(name => Path.Combine(directory, name)))
            .Concat(fallbacks);
        return candidates.FirstOrDefault(File.Exists);
    }

    public static string Require() =>
        Find(Environment.GetEnvironmentVariable("PATH"), WellKnownLocations)
        ?? throw new InvalidOperationException(MissingMessage);

    public const string MissingMessage =
        "terraform is missing: the infra tests run `terraform fmt -check -recursive infra` with the real terraform (1.11 or newer). " +
        "Install it on PATH or at /usr/local/bin/terraform.";

    /// <summary>`terraform fmt -check -recursive &lt;directory&gt;`: exit code 0 when every file is formatted, 3 (and the files' names) when not.</summary>
    public static Task<ChildProcessResult> FormatCheckAsync(string directory) =>
        ChildProcess.RunAsync(Require(), ["fmt", "-check", "-recursive", "-no-color", directory], RepositoryRoot.Path, TimeSpan.FromMinutes(2));
}
