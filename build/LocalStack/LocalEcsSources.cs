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
}
