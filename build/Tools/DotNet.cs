using CliWrap;
using Serilog;

namespace AutoPR.BuildDefinition.Tools;

/// <summary>Runs the dotnet CLI with its output streamed into the build log.</summary>
internal static class DotNet
{
    public static Task RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ToolRunner.RunAsync("dotnet", arguments, cancellationToken);
}

/// <summary>Runs a program, streams each output line to the log, and fails with its exit code.</summary>
internal static class ToolRunner
{
    public static async Task RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var args = arguments.ToList();
        Log.Debug("> {Program} {Arguments}", program, string.Join(' ', args));
        var result = await Cli.Wrap(program)
            .WithArguments(args)
            .WithWorkingDirectory(workingDirectory ?? AutoPR.Build.NukeBuild.RootDirectory)
            .WithEnvironmentVariables(e => e.Set("DOTNET_CLI_TELEMETRY_OPTOUT", "1").Set("DOTNET_NOLOGO", "1"))
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => Console.Out.WriteLine(line)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => Console.Error.WriteLine(line)))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new ToolFailedException($"{program} {args.FirstOrDefault()} exited with code {result.ExitCode}.");
        }
    }
}

internal sealed class ToolFailedException(string message) : Exception(message);
