namespace AutoPR.Build.Tests.Support;

internal static class PathExtensions
{
    /// <summary>Creates the parent folder of <paramref name="file"/> and returns the path unchanged.</summary>
    public static string EnsureDirectory(this string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return file;
    }
}
