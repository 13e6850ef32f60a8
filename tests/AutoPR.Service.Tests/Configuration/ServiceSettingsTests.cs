using AutoPR.Service.Configuration;
using AutoPR.Service.Faults;
using Microsoft.Extensions.Configuration;
using Serilog.Events;

namespace AutoPR.Service.Tests.Configuration;

public sealed class ServiceSettingsTests
{
    private static ServiceSettings Read(params (string Name, string Value)[] variables) =>
        ServiceSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(variables.Select(v => KeyValuePair.Create(v.Name, (string?)v.Value)))
            .Build());

    [Fact]
    public void Defaults_are_no_faults_information_logs_a_2_s_drain_and_a_25_s_shutdown_budget()
    {
        var settings = Read();

        Assert.Equal(FaultSettings.None, settings.Faults);
        Assert.Empty(settings.Faults.Describe());
        Assert.Equal(LogEventLevel.Information, settings.Logging.MinimumLevel);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.Shutdown.Drain);
        Assert.Equal(TimeSpan.FromSeconds(25), settings.Shutdown.Timeout);
    }

    [Fact]
    public void Every_fault_variable_is_read_by_its_contract_name()
    {
        var faults = Read(
            ("AUTOPR_FAULT_CRASH_ON_START", "4"),
            ("AUTOPR_FAULT_UNHEALTHY", "true"),
            ("AUTOPR_FAULT_START_DELAY_SECONDS", "7"),
            ("AUTOPR_FAULT_ERROR_RATE", "0.3"),
            ("AUTOPR_FAULT_LATENCY_MS", "250"),
            ("AUTOPR_FAULT_AFTER_SECONDS", "30")).Faults;

        Assert.Equal(new FaultSettings(TimeSpan.FromSeconds(4), true, TimeSpan.FromSeconds(7), 0.3, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30)), faults);
        Assert.Equal(
            ["AUTOPR_FAULT_CRASH_ON_START=4", "AUTOPR_FAULT_UNHEALTHY=true", "AUTOPR_FAULT_START_DELAY_SECONDS=7", "AUTOPR_FAULT_ERROR_RATE=0.3", "AUTOPR_FAULT_LATENCY_MS=250", "AUTOPR_FAULT_AFTER_SECONDS=30"],
            faults.Describe());
    }

    [Fact]
    public void Crash_on_start_zero_means_at_once_and_unset_means_never()
    {
        Assert.Equal(TimeSpan.Zero, Read(("AUTOPR_FAULT_CRASH_ON_START", "0")).Faults.CrashOnStartAfter);
        Assert.Null(Read().Faults.CrashOnStartAfter);
    }

    [Theory]
    [InlineData("Verbose", LogEventLevel.Verbose)]
    [InlineData("trace", LogEventLevel.Verbose)]
    [InlineData("Debug", LogEventLevel.Debug)]
    [InlineData("Information", LogEventLevel.Information)]
    [InlineData("info", LogEventLevel.Information)]
    [InlineData("Warning", LogEventLevel.Warning)]
    [InlineData("Error", LogEventLevel.Error)]
    [InlineData("Fatal", LogEventLevel.Fatal)]
    [InlineData("CRITICAL", LogEventLevel.Fatal)]
    public void LOG_LEVEL_accepts_serilog_and_microsoft_names(string raw, LogEventLevel expected) =>
        Assert.Equal(expected, Read(("LOG_LEVEL", raw)).Logging.MinimumLevel);

    [Fact]
    public void LOG_LEVEL_unknown_names_fail_listing_the_allowed_ones()
    {
        var error = Assert.Throws<InvalidSettingException>(() => Read(("LOG_LEVEL", "Loud")));

        Assert.Contains("Verbose, Debug, Information, Warning, Error, Fatal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fault_routes_must_be_paths()
    {
        var error = Assert.Throws<InvalidSettingException>(() => Read(("AUTOPR_FAULT_ROUTES", "/,api/instance")));

        Assert.Contains("AUTOPR_FAULT_ROUTES='/,api/instance' is not valid", error.Message, StringComparison.Ordinal);
        Assert.Equal(["/", "/api/instance"], Read(("AUTOPR_FAULT_ROUTES", " / , /api/instance ")).Faults.Routes!);
    }

    [Fact]
    public void A_shutdown_timeout_not_longer_than_the_drain_is_rejected()
    {
        var error = Assert.Throws<InvalidSettingException>(() => Read(("SHUTDOWN_DRAIN_SECONDS", "10"), ("SHUTDOWN_TIMEOUT_SECONDS", "10")));

        Assert.Contains("SHUTDOWN_TIMEOUT_SECONDS", error.Message, StringComparison.Ordinal);
        Assert.Contains("SHUTDOWN_DRAIN_SECONDS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_stamps_and_environment_come_from_their_variables()
    {
        var version = Read(("AUTOPR_VERSION", "2.0.0"), ("AUTOPR_REVISION", "deadbee"), ("AUTOPR_IMAGE_TAG", "2.0.0-deadbee"), ("ENVIRONMENT", "production")).Version;

        Assert.Equal(new VersionInfo("autopr", "2.0.0", "deadbee", "2.0.0-deadbee", "production"), version);
    }
}
