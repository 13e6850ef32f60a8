namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>Paths in the repository the tests run from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Environments => Path.Combine(Root, "deploy", "environments");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AutoPR.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("AutoPR.sln not found above " + AppContext.BaseDirectory);
    }
}
