namespace AutoPR.Images.Tests;

/// <summary>The repository the tests run from (the folder holding AutoPR.sln).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "AutoPR.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No AutoPR.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
