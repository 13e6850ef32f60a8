using System.Collections;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Serilog;

namespace AutoPR.Build;

/// <summary>
/// One run of a build: parse the command line, resolve parameters, plan, check requirements, run, summarize.
/// Everything that can be wrong with the request is found before the first target starts.
/// </summary>
internal static class BuildHost
{
    public static async Task<int> RunAsync(object build, IReadOnlyList<string> args, IReadOnlyList<string> defaultTargets, IDictionary environment, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(defaultTargets);
        var redactor = new SecretRedactor();
        var console = HostConsole.Create(output, error, environment, redactor, interactive: !Console.IsOutputRedirected);
        GitHubActions.Redactor = redactor;
        try
        {
            var parameters = ParameterDescriptor.Discover(build.GetType());
            var invocation = CommandLineParser.Parse(args, parameters);
            NukeBuild.RootDirectory = FindRoot(invocation.Root);
            var graph = TargetGraph.Create(build);
            var defaults = defaultTargets.Select(name => Resolve(graph, name, "default target")).ToList();
            SchemaWriter.WriteIfChanged(NukeBuild.RootDirectory / ".nuke" / "build.schema.json", SchemaWriter.Create(graph, parameters));
            if (invocation.ShowHelp)
            {
                HelpWriter.Write(console.Ansi, graph, parameters, build, defaults);
                return ExitCodes.Success;
            }

            new ParameterResolver(parameters, NukeBuild.RootDirectory).Apply(build, invocation.ParameterValues, environment, invocation.Profiles, redactor);
            var invoked = invocation.Targets.Count > 0 ? invocation.Targets.Select(name => Resolve(graph, name, "command line")).Distinct().ToList() : defaults;
            var plan = ExecutionPlanner.Plan(graph, invoked, invocation.Skip);
            CheckRequirements(plan, parameters);
            if (invocation.ShowPlan)
            {
                PlanWriter.Write(console.Ansi, plan);
                var file = NukeBuild.TemporaryDirectory / "plan.mmd";
                Directory.CreateDirectory(NukeBuild.TemporaryDirectory);
                await File.WriteAllTextAsync(file, PlanWriter.Mermaid(plan)).ConfigureAwait(false);
                console.Output.WriteLine($"Mermaid graph: {file.RelativeTo(NukeBuild.RootDirectory)}");
                return ExitCodes.Success;
            }

            Log.Logger = console.CreateLogger(invocation.Verbosity);
            return await RunPlanAsync(plan, console).ConfigureAwait(false);
        }
        catch (UsageException usage)
        {
            console.Error.WriteLine($"error: {usage.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception definition) when (definition is InvalidOperationException or System.Reflection.TargetInvocationException or ArgumentException)
        {
            // A mistake in the build definition itself (a throwing condition, a misnamed member): one line, not a stack trace.
            console.Error.WriteLine($"error: the build definition is broken: {(definition.InnerException ?? definition).Message}");
            return ExitCodes.TargetFailed;
        }
        finally
        {
            await Log.CloseAndFlushAsync().ConfigureAwait(false);
            console.Output.Flush();
            console.Error.Flush();
        }
    }

    private static async Task<int> RunPlanAsync(ExecutionPlan plan, HostConsole console)
    {
        using var interrupt = new CancellationTokenSource();
        using var hardStop = new CancellationTokenSource();
        void Interrupt()
        {
            if (interrupt.IsCancellationRequested)
            {
                hardStop.Cancel();
            }
            else
            {
                Log.Warning("Interrupted: cancelling the running target; assured targets still run (interrupt again to stop them)");
                interrupt.Cancel();
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; Interrupt(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; Interrupt(); });

        var clock = Stopwatch.StartNew();
        await new TargetRunner(new TargetOutput(console), Log.Logger).RunAsync(plan, interrupt.Token, hardStop.Token).ConfigureAwait(false);
        console.Output.WriteLine();
        SummaryWriter.Write(console.Ansi, plan, clock.Elapsed);

        var failed = plan.Ordered.Where(t => t.Status is TargetStatus.Failed or TargetStatus.Aborted).ToList();
        // A follow that Ctrl-C ended, with everything else done, is a success.
        var endedByInterrupt = plan.Ordered.All(t => t.Status is TargetStatus.Succeeded or TargetStatus.Skipped)
            && plan.Ordered.Any(t => t.Definition.IsEndedByInterrupt && t.Status == TargetStatus.Succeeded);
        return interrupt.IsCancellationRequested && !endedByInterrupt ? ExitCodes.Interrupted
            : failed.Count > 0 ? failed[0].ExitCode ?? ExitCodes.TargetFailed
            : ExitCodes.Success;
    }

    private static ExecutableTarget Resolve(TargetGraph graph, string name, string where) =>
        TargetNames.Find(graph.Targets, name) ?? throw ExecutionPlanner.UnknownTarget(graph, name, where);

    private static void CheckRequirements(ExecutionPlan plan, IReadOnlyList<ParameterDescriptor> parameters)
    {
        foreach (var target in plan.Ordered.Where(t => t.Status != TargetStatus.Skipped))
        {
            foreach (var requirement in target.Definition.Requirements)
            {
                object? value;
                try
                {
                    value = requirement.Read();
                }
                catch (Exception invalid) when (invalid is not OutOfMemoryException)
                {
                    // Reading a requirement may load what the parameter names (an environment file): its error is the user's to fix.
                    throw new UsageException($"Target {target.Name}: {(invalid.InnerException ?? invalid).Message}");
                }

                if (IsMissing(value))
                {
                    var parameter = parameters.FirstOrDefault(p => p.Name == requirement.MemberName);
                    throw new UsageException(parameter is null
                        ? $"Target {target.Name} requires {requirement.MemberName} to be set."
                        : $"Target {target.Name} requires {parameter.OptionName}: pass {parameter.OptionName} <value>" +
                          (parameter.AllowedValues is { } allowed ? $" (one of {string.Join(", ", allowed)})" : "") +
                          $", set {parameter.EnvironmentNames[0]}, or add \"{parameter.Name}\" to .nuke/parameters.json.");
                }
            }

            foreach (var precondition in target.Definition.Preconditions)
            {
                bool holds;
                try
                {
                    holds = precondition.Evaluate();
                }
                catch (Exception invalid) when (invalid is not OutOfMemoryException)
                {
                    throw new UsageException($"Target {target.Name}: {(invalid.InnerException ?? invalid).Message}");
                }

                if (!holds)
                {
                    throw new UsageException($"Target {target.Name}: {precondition.Text}");
                }
            }
        }
    }

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string text => text.Length == 0,
        Array array => array.Length == 0,
        _ => false,
    };

    private static AbsolutePath FindRoot(string? root)
    {
        if (root is not null)
        {
            return Directory.Exists(root)
                ? AbsolutePath.Create(root)
                : throw new UsageException($"--root '{root}' is not a directory; pass the repository root.");
        }

        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
            {
                return AbsolutePath.Create(directory.FullName);
            }
        }

        throw new UsageException("No .nuke directory found here or above; run from inside the repository or pass --root <directory>.");
    }
}
