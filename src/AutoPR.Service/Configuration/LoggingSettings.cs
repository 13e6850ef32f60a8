using Serilog.Events;

namespace AutoPR.Service.Configuration;

/// <summary>LOG_LEVEL accepts Serilog names (Verbose..Fatal) and Microsoft names (Trace..Critical), any case.</summary>
internal sealed record LoggingSettings(LogEventLevel MinimumLevel)
{
    public const string LevelVariable = "LOG_LEVEL";

    public static LoggingSettings Read(SettingReader settings)
    {
        if (settings.GetString(LevelVariable) is not { } raw)
        {
            return new LoggingSettings(LogEventLevel.Information);
        }

        return new LoggingSettings(ParseLevel(raw) ?? throw SettingReader.Invalid(
            LevelVariable, raw, "one of Verbose, Debug, Information, Warning, Error, Fatal (or Trace, Critical)"));
    }

    public static LogEventLevel? ParseLevel(string name) => name.Trim().ToUpperInvariant() switch
    {
        "VERBOSE" or "TRACE" => LogEventLevel.Verbose,
        "DEBUG" => LogEventLevel.Debug,
        "INFORMATION" or "INFO" => LogEventLevel.Information,
        "WARNING" or "WARN" => LogEventLevel.Warning,
        "ERROR" => LogEventLevel.Error,
        "FATAL" or "CRITICAL" => LogEventLevel.Fatal,
        _ => null,
    };
}
