using System.Globalization;
using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Rollout;

/// <summary>
/// One deployment per environment on this machine: an exclusive lock on DIRECTORY/ENV.lock, released by the
/// operating system when the process ends (so a killed run never leaves a stale lock). The holder is described in
/// ENV.lock.json so a second run can name it.
/// </summary>
public sealed class EnvironmentLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _infoPath;

    private EnvironmentLock(FileStream stream, string infoPath)
    {
        _stream = stream;
        _infoPath = infoPath;
    }

    /// <summary>Takes the lock of <paramref name="environment"/> or throws <see cref="DeploymentRefusedException"/> naming the holder.</summary>
    public static EnvironmentLock Acquire(string directory, string environment, string holder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(directory);
        var lockPath = Path.Combine(directory, environment + ".lock");
        var infoPath = Path.Combine(directory, environment + ".lock.json");
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new DeploymentRefusedException(RefusalReason.Locked,
                $"another deployment of {environment} is running on this machine ({Describe(infoPath)}); nothing was changed; fix: wait for it to finish, or stop that process");
        }

        var info = new JsonObject
        {
            ["pid"] = Environment.ProcessId,
            ["holder"] = holder,
            ["startedAt"] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["process"] = Path.GetFileName(Environment.ProcessPath),
        };
        File.WriteAllText(infoPath, info.ToJsonString());
        return new EnvironmentLock(stream, infoPath);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            File.Delete(_infoPath);
        }
        catch (IOException)
        {
            // Only a description; the lock itself goes with the stream.
        }

        _stream.Dispose();
    }

    private static string Describe(string infoPath)
    {
        try
        {
            var info = JsonNode.Parse(File.ReadAllText(infoPath));
            return $"{info?["holder"]}, pid {info?["pid"]}, since {info?["startedAt"]}";
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return "holder unknown";
        }
    }
}
