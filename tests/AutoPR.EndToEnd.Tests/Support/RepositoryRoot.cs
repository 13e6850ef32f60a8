namespace AutoPR.EndToEnd.Tests.Support;

/// <summary>The repository under test: the nearest folder above the test assembly that holds build.sh.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "build.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No build.sh above {AppContext.BaseDirectory}: run the end-to-end tests from inside the repository.");
    }
}
