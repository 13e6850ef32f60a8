using AutoPR.Service.Database;
using AutoPR.Service.HealthProbe;
using AutoPR.Service.Hosting;

namespace AutoPR.Service;

/// <summary>
/// Entry point. `AutoPR.Service` serves; `AutoPR.Service healthcheck` probes a running instance;
/// `AutoPR.Service migrate` migrates the database (see MigrationCommand).
/// Public and non-static so WebApplicationFactory&lt;Program&gt; can host it in tests.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task<int> Main(string[] args)
    {
        if (args is [HealthCheckCommand.Name, ..])
        {
            return await HealthCheckCommand.RunAsync(Environment.GetEnvironmentVariable, Console.Out, CancellationToken.None);
        }

        if (args is [MigrationCommand.Name, .. var migrateArguments])
        {
            return await MigrationCommand.RunAsync(migrateArguments, Environment.GetEnvironmentVariable, Console.Out, CancellationToken.None);
        }

        return await ServiceRunner.RunAsync(args);
    }
}
