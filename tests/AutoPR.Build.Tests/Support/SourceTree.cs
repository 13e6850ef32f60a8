namespace AutoPR.Build.Tests.Support;

/// <summary>Copies parts of the repository into a scratch directory, leaving build output (bin/, obj/) behind.</summary>
internal static class SourceTree
{
    public static void CopyFile(string relativePath, string destinationRoot)
    {
        var target = Path.Combine(destinationRoot, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(RepositoryRoot.Combine(relativePath), target, overwrite: true);
    }

    public static void CopyDirectory(string relativePath, string destinationRoot)
    {
        var source = RepositoryRoot.Combine(relativePath);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryRoot.Path, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (!parts.Any(p => p is "bin" or "obj"))
            {
                CopyFile(relative, destinationRoot);
            }
        }
    }

    /// <summary>The repository-wide settings every project needs: SDK pin, compiler settings, package versions.</summary>
    public static void CopySettings(string destinationRoot)
    {
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
        {
            CopyFile(file, destinationRoot);
        }
    }
}
