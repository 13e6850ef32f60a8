using System.Diagnostics;
using Serilog;

namespace AutoPR.Build;

/// <summary>
/// Runs a plan in order. A failure stops what follows, except targets that proceed after failure (their
/// dependents still do not run) and assured targets, which run after failures and interruptions alike.
/// </summary>
internal sealed class TargetRunner(TargetOutput output, ILogger log)
{
    /// <param name="interrupt">Cancelled on the first Ctrl-C: the running target is aborted.</param>
    /// <param name="hardStop">Cancelled on the second Ctrl-C: assured targets are aborted too.</param>
    public async Task RunAsync(ExecutionPlan plan, CancellationToken interrupt, CancellationToken hardStop)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var planned = plan.Ordered.ToHashSet();
        var failed = false;

        foreach (var target in plan.Ordered)
        {
            if (target.Status == TargetStatus.Skipped)
            {
                continue;
            }

            var assured = target.Definition.IsAssuredAfterFailure;
            var blockedBy = target.Dependencies.Concat(target.TriggeredBy)
                .FirstOrDefault(d => planned.Contains(d) && d.Status is TargetStatus.Failed or TargetStatus.Aborted or TargetStatus.NotRun);
            if (!assured && (interrupt.IsCancellationRequested || failed || blockedBy is not null))
            {
                target.Note = interrupt.IsCancellationRequested ? "build interrupted"
                    : blockedBy is not null ? $"{blockedBy.Name} did not succeed"
                    : "an earlier target failed";
                continue;
            }

            Condition? condition;
            try
            {
                condition = target.Definition.DynamicConditions.FirstOrDefault(c => !c.Evaluate());
            }
            catch (Exception exception)
            {
                // A condition that throws fails its target, as its body would, instead of ending the run
                // without a summary and without the assured targets.
                output.Starting(target);
                target.Status = TargetStatus.Failed;
                target.Note = $"condition failed: {Reason(exception)}";
                log.Error("Target {Target} failed: {Reason}", target.Name, target.Note);
                output.Finished(target);
                failed |= !target.Definition.IsProceedAfterFailure;
                continue;
            }

            if (condition is not null)
            {
                target.Status = TargetStatus.Skipped;
                target.Note = $"condition false: {condition.Text}";
                log.Information("Skipping {Target}: condition false: {Condition}", target.Name, condition.Text);
                continue;
            }

            // Assured targets must still run after Ctrl-C, so they only stop at the second one, including one
            // that was already running when the first Ctrl-C came (a rollback must not be cut short by it).
            var token = assured ? hardStop : interrupt;
            await ExecuteAsync(target, token).ConfigureAwait(false);
            failed |= target.Status is TargetStatus.Failed or TargetStatus.Aborted && !target.Definition.IsProceedAfterFailure;
        }
    }

    private async Task ExecuteAsync(ExecutableTarget target, CancellationToken token)
    {
        output.Starting(target);
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var action in target.Definition.Actions)
            {
                token.ThrowIfCancellationRequested();
                await action(token).ConfigureAwait(false);
            }

            target.Status = TargetStatus.Succeeded;
        }
        catch (TargetSkippedException skipped)
        {
            target.Status = TargetStatus.Skipped;
            target.Note = skipped.Message;
            log.Information("Skipped: {Reason}", skipped.Message);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested && target.Definition.IsEndedByInterrupt)
        {
            target.Status = TargetStatus.Succeeded;
            target.Note = "ended by interrupt";
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            target.Status = TargetStatus.Aborted;
            target.Note = "interrupted";
            log.Warning("Target {Target} was interrupted", target.Name);
        }
        catch (Exception exception)
        {
            target.Status = TargetStatus.Failed;
            target.ExitCode = (exception as TargetExitCodeException)?.ExitCode;
            target.Note = Reason(exception);
            log.Error("Target {Target} failed: {Reason}", target.Name, target.Note);
            log.Debug(exception, "Details");
        }
        finally
        {
            target.Duration = clock.Elapsed;
            output.Finished(target);
        }
    }

    /// <summary>The message that says why: the innermost of wrapper exceptions that add nothing.</summary>
    private static string Reason(Exception exception)
    {
        while (exception is AggregateException or System.Reflection.TargetInvocationException && exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception.Message;
    }
}
