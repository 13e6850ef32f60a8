using AutoPR.Service.Faults;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AutoPR.Service.Tests.Support;

/// <summary>
/// The service in memory, with its settings given as the environment variables the contract names.
/// Defaults keep tests quick and quiet: no drain delay, warnings only, and every other contract variable
/// blank (unset) whatever the test runner's environment holds. Optionally a fake clock and a terminator
/// that records instead of exiting.
/// </summary>
public sealed class ServiceFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal)
    {
        ["SHUTDOWN_DRAIN_SECONDS"] = "0",
        ["SHUTDOWN_TIMEOUT_SECONDS"] = "",
        ["LOG_LEVEL"] = "Warning",
        ["ENVIRONMENT"] = "",
        ["AUTOPR_VERSION"] = "",
        ["AUTOPR_REVISION"] = "",
        ["AUTOPR_IMAGE_TAG"] = "",
        ["AUTOPR_FAULT_CRASH_ON_START"] = "",
        ["AUTOPR_FAULT_UNHEALTHY"] = "",
        ["AUTOPR_FAULT_START_DELAY_SECONDS"] = "",
        ["AUTOPR_FAULT_ERROR_RATE"] = "",
        ["AUTOPR_FAULT_LATENCY_MS"] = "",
        ["AUTOPR_FAULT_ROUTES"] = "",
        ["ECS_CONTAINER_METADATA_URI_V4"] = "",
        ["DATABASE_URL"] = "",
    };

    public ServiceFactory(IReadOnlyDictionary<string, string>? settings = null, FakeTimeProvider? time = null)
    {
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            _settings[name] = value;
        }

        Time = time;
    }

    public FakeTimeProvider? Time { get; }

    internal RecordingTerminator Terminator { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IProcessTerminator>(Terminator);
            if (Time is not null)
            {
                services.AddSingleton<TimeProvider>(Time);
            }
        });
    }
}

/// <summary>Records the exit codes a crash fault asks for; the test process keeps running.</summary>
internal sealed class RecordingTerminator : IProcessTerminator
{
    private readonly List<int> _exitCodes = [];

    public IReadOnlyList<int> ExitCodes
    {
        get
        {
            lock (_exitCodes)
            {
                return [.. _exitCodes];
            }
        }
    }

    public void Terminate(int exitCode)
    {
        lock (_exitCodes)
        {
            _exitCodes.Add(exitCode);
        }
    }
}
