using AutoPR.Build;

namespace AutoPR.BuildDefinition.LocalStack;

/// <summary>
/// Where LocalUp builds LocalEcs from: the root's sources, or, when --root names a copy of the build inputs
/// without sources (the end-to-end tests' own stack), those of the repository this build was compiled from.
/// </summary>
internal static class LocalEcsSources
{
    private static readonly string[] Project = ["src", "AutoPR.LocalEcs", "AutoPR.LocalEcs.csproj"];

    public static AbsolutePath Find(AbsolutePath root)
    {
        if (File.Exists(Path.Combine([root, .. Project])))
        {
            return AbsolutePath.Create(Path.Combine([root, .. Project]));
        }

        // The compiled build lives in <repository>/build/bin/<configuration>/<framework>/.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine([directory.FullName, .. Project]);
            if (File.Exists(candidate))
            {
                return AbsolutePath.Create(candidate);
            }
        }

        throw new InvalidOperationException($"No {string.Join('/', Project)} under {root} or above the build ({AppContext.BaseDirectory}): run LocalUp in a checkout of the repository.");
    }

    /// <summary>
    /// A hash of what LocalEcs is built from (its project's sources and the repository's shared build files), so that
    /// LocalUp can tell a running LocalEcs built from older sources (one that lacks an API this build calls).
    /// </summary>
    public static string Fingerprint(AbsolutePath project)
    {
        var folder = Path.GetDirectoryName((string)project)!;
        var repository = Path.GetFullPath(Path.Combine(folder, "..", ".."));
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !IsUnder(f, folder, "bin") && !IsUnder(f, folder, "obj"))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" }.Select(f => Path.Combine(repository, f)).Where(File.Exists))
            .Order(StringComparer.Ordinal);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(repository, file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static bool IsUnder(string file, string folder, string child) =>
        file.StartsWith(Path.Combine(folder, child) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
