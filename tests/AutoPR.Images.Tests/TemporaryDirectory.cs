namespace AutoPR.Images.Tests;

/// <summary>A fresh directory under the system temp folder, deleted with its contents on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        // Short names: a unix socket path under it must stay below 108 characters.
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "apr-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A daemon may still be releasing files; the temp folder is cleaned by the system.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
