using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AutoPR.Deployment.Infrastructure;

/// <summary>
/// The terraform CLI on one root module: init with the root's own backend, plan to a file and summarize it, apply
/// exactly that file. Output lines go to the logger as they come; a failure is one line with terraform's last words.
/// </summary>
public sealed class Terraform(string executable, ILogger logger)
{
    private const int TailLines = 8;

    /// <summary>terraform from PATH; throws <see cref="TerraformException"/> naming what to install when it is not there.</summary>
    public static Terraform Find(ILogger logger)
    {
        var found = (System.Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "terraform"))
            .FirstOrDefault(File.Exists);
        return found is null
            ? throw new TerraformException("terraform is not installed (not on PATH): install Terraform 1.11 or later and run again; nothing was planned or applied")
            : new Terraform(found, logger);
    }

    /// <summary>init, then plan to <paramref name="planFile"/>; the summary of what it would change.</summary>
    public async Task<TerraformPlanSummary> PlanAsync(string root, string planFile, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(planFile))!);
        await RunAsync(root, ["init", "-input=false", "-no-color"], "init", cancellationToken).ConfigureAwait(false);
        await RunAsync(root, ["plan", "-input=false", "-no-color", $"-out={Path.GetFullPath(planFile)}"], "plan", cancellationToken).ConfigureAwait(false);
        var json = await RunAsync(root, ["show", "-json", Path.GetFullPath(planFile)], "show", cancellationToken, quiet: true).ConfigureAwait(false);
        return TerraformPlanSummary.Parse(json);
    }

    /// <summary>Applies exactly the saved plan; a plan that no longer matches is refused by terraform (<see cref="TerraformException.StalePlan"/>).</summary>
    public async Task ApplyAsync(string root, string planFile, CancellationToken cancellationToken)
    {
        await RunAsync(root, ["init", "-input=false", "-no-color"], "init", cancellationToken).ConfigureAwait(false);
        await RunAsync(root, ["apply", "-input=false", "-no-color", Path.GetFullPath(planFile)], "apply", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// `terraform output -json` in <paramref name="root"/> (initialized, with its backend): the root module's outputs.
    /// The answer is never logged, since it holds sensitive outputs' values too.
    /// </summary>
    public async Task<TerraformOutputs> OutputsAsync(string root, CancellationToken cancellationToken)
    {
        var json = await RunAsync(root, ["output", "-json", "-no-color"], "output", cancellationToken, quiet: true).ConfigureAwait(false);
        return TerraformOutputs.Parse(json, $"`terraform output -json` in {root}");
    }

    private async Task<string> RunAsync(string root, IReadOnlyList<string> arguments, string step, CancellationToken cancellationToken, bool quiet = false)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"-chdir={root}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TF_IN_AUTOMATION"] = "1";
        // No call home for version news: only the backend and the providers are terraform's business here.
        start.Environment["CHECKPOINT_DISABLE"] = "1";
        using var process = Process.Start(start) ?? throw new TerraformException($"terraform {step} did not start");
        var output = new System.Text.StringBuilder();
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
        }

        var errors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Trim().Length > 0)
                {
                    logger.LogWarning("terraform {Step}: {Line}", step, line);
                    Remember(line.Trim());
                }
            }
        }, cancellationToken);
        while (await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            output.AppendLine(line);
            if (!quiet && line.Trim().Length > 0)
            {
                logger.LogInformation("terraform {Step}: {Line}", step, line);
                Remember(line.Trim());
            }
        }

        await errors.ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var said = string.Join(" | ", tail.Where(l => !l.StartsWith('╷') && !l.StartsWith('╵') && l != "│"));
            var stale = said.Contains("Saved plan is stale", StringComparison.Ordinal);
            throw new TerraformException(
                stale
                    ? $"the saved plan no longer matches the configuration or the state; nothing was applied; fix: run InfraPlan again, review it, then InfraApply ({said})"
                    : $"terraform {step} in {root} failed (exit code {process.ExitCode}): {said}",
                stale);
        }

        return output.ToString();
    }
}
