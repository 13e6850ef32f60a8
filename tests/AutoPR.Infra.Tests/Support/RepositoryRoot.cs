namespace AutoPR.Infra.Tests.Support;

/// <summary>The repository under test: the folder holding build.sh, found above the test assembly.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "build.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No build.sh found above {AppContext.BaseDirectory}; run the tests from inside the repository.");
    }
}
