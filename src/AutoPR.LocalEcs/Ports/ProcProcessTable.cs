using System.Globalization;

namespace AutoPR.LocalEcs.Ports;

/// <summary>
/// Processes from /proc. Reading another user's file descriptors or namespaces needs root (LocalEcs runs as
/// root); what cannot be read counts as unknown, never as a match.
/// </summary>
public sealed class ProcProcessTable : IProcessTable
{
    public IReadOnlyList<int> ProcessIds()
    {
        var ids = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                ids.Add(pid);
            }
        }

        return ids;
    }

    public string? PidNamespace(int pid) => Link($"/proc/{pid}/ns/pid");

    public bool HoldsSocket(int pid, long inode)
    {
        var wanted = $"socket:[{inode.ToString(CultureInfo.InvariantCulture)}]";
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Any(fd => Link(fd) == wanted);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public string? Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Link(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
