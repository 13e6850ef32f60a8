using System.Text;
using CliWrap;
using Microsoft.Extensions.Logging;

namespace AutoPR.Images.Host;

/// <summary>Runs a short-lived command to completion, logging its output and failing with its last lines.</summary>
internal static class CommandRunner
{
    private const int TailLines = 15;

    public static async Task RunAsync(
        string program,
        IEnumerable<string> arguments,
        ILogger logger,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var tail = new Queue<string>();
        void Remember(string line)
        {
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }
            }

            logger.LogDebug("{Program}: {Line}", Path.GetFileName(program), line);
        }

        var command = Cli.Wrap(program)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(Remember))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(Remember));
        if (environment is not null)
        {
            command = command.WithEnvironmentVariables(environment);
        }

        if (workingDirectory is not null)
        {
            command = command.WithWorkingDirectory(workingDirectory);
        }

        var result = await command.ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            var output = new StringBuilder();
            lock (tail)
            {
                output.AppendJoin(Environment.NewLine, tail);
            }

            throw new CommandFailedException(
                $"{Path.GetFileName(program)} exited with code {result.ExitCode}:{Environment.NewLine}{output}");
        }
    }
}
