using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace AutoPR.Images.Tests;

/// <summary>Runs short commands in containers (host network) and removes them afterwards.</summary>
internal static class Containers
{
    public static async Task<(long ExitCode, string Output)> RunAsync(DockerClient client, string image, IList<string> command, IList<string>? entrypoint = null, string? user = null)
    {
        var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            Cmd = command,
            Entrypoint = entrypoint!,
            User = user!,
            HostConfig = new HostConfig { NetworkMode = "host" },
        });
        try
        {
            await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var wait = await client.Containers.WaitContainerAsync(created.ID, timeout.Token);
            using var logs = await client.Containers.GetContainerLogsAsync(created.ID, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, timeout.Token);
            var (stdout, stderr) = await logs.ReadOutputToEndAsync(timeout.Token);
            return (wait.StatusCode, new StringBuilder(stdout).Append(stderr).ToString());
        }
        finally
        {
            await client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true });
        }
    }
}
