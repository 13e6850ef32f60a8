using System.Collections;
using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Sinks.SystemConsole.Themes;
using Spectre.Console;

namespace AutoPR.Build;

/// <summary>
/// Where the host writes: stdout and stderr behind the secret redactor, a Spectre console for tables and
/// trees, and the Serilog logger the build logs through. Colour follows the terminal and NO_COLOR.
/// </summary>
internal sealed class HostConsole
{
    private HostConsole(TextWriter output, TextWriter error, IAnsiConsole ansi, bool isGitHubActions)
    {
        Output = output;
        Error = error;
        Ansi = ansi;
        IsGitHubActions = isGitHubActions;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Ansi { get; }

    public bool IsGitHubActions { get; }

    /// <summary>Puts the given writers (the process's stdout/stderr) behind <paramref name="redactor"/> and makes them the console.</summary>
    public static HostConsole Create(TextWriter output, TextWriter error, IDictionary environment, SecretRedactor redactor, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var redactedOutput = TextWriter.Synchronized(new RedactingTextWriter(output, redactor));
        var redactedError = TextWriter.Synchronized(new RedactingTextWriter(error, redactor));

        // Whoever writes to the console (Serilog, a tool's piped output) goes through the redactor.
        Console.SetOut(redactedOutput);
        Console.SetError(redactedError);
        var noColor = environment["NO_COLOR"] is string { Length: > 0 };
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(redactedOutput),
            Ansi = noColor || !interactive ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = noColor || !interactive ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Logs and CI have no terminal width; keep tables whole.
            ansi.Profile.Width = 160;
        }

        // Targets that draw with Spectre's static AnsiConsole get the same console: redacted, sized, NO_COLOR-aware.
        AnsiConsole.Console = ansi;

        return new HostConsole(redactedOutput, redactedError, ansi, environment["GITHUB_ACTIONS"] as string == "true")
        {
            UseColor = interactive && !noColor,
        };
    }

    public bool UseColor { get; private init; }

    public ILogger CreateLogger(Verbosity verbosity)
    {
        const string template = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}";
        var configuration = new LoggerConfiguration().MinimumLevel.Is(verbosity switch
        {
            Verbosity.Quiet => LogEventLevel.Error,
            Verbosity.Minimal => LogEventLevel.Warning,
            Verbosity.Verbose => LogEventLevel.Verbose,
            _ => LogEventLevel.Information,
        });

        // The console sink writes to Console.Out, which Create pointed at the redacted writer.
        return configuration.WriteTo.Console(
                outputTemplate: template,
                theme: UseColor ? AnsiConsoleTheme.Code : ConsoleTheme.None,
                formatProvider: CultureInfo.InvariantCulture)
            .CreateLogger();
    }
}
