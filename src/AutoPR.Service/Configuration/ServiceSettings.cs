using AutoPR.Service.Database;
using AutoPR.Service.Faults;

namespace AutoPR.Service.Configuration;

/// <summary>Every setting the service reads from its environment, parsed and validated in one place.</summary>
internal sealed record ServiceSettings(
    VersionInfo Version,
    LoggingSettings Logging,
    ShutdownSettings Shutdown,
    FaultSettings Faults,
    DatabaseUrl? Database)
{
    /// <exception cref="InvalidSettingException">A variable holds a value the service cannot use.</exception>
    public static ServiceSettings Read(IConfiguration configuration)
    {
        var reader = new SettingReader(configuration);
        return new ServiceSettings(
            VersionInfo.Read(reader),
            LoggingSettings.Read(reader),
            ShutdownSettings.Read(reader),
            FaultSettings.Read(reader),
            DatabaseUrl.Read(reader));
    }
}
