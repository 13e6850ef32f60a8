using AutoPR.Build;

namespace AutoPR.BuildDefinition;

/// <summary>
/// The drift check: `DeployEcs --dry-run --fail-on-drift` compares what runs with what the repository says and fails
/// with <see cref="DriftExitCode"/> when they differ. drift.yml runs it on a schedule for every environment.
/// </summary>
internal sealed partial class Build
{
    /// <summary>The exit code of a drift check that found a difference (or no service); 1 and 2 keep their meanings (failed, refused).</summary>
    const int DriftExitCode = 3;

    [Parameter("DeployEcs --dry-run: only check for drift. Compares what runs with what the repository says, rendered with the image that runs (no build, no push), and exits 3 when they differ (the diff also goes to the CI step summary)")]
    public bool FailOnDrift { get; set; }

    const string DriftNeedsDryRunMessage = "--fail-on-drift only compares: add --dry-run. Nothing was changed.";

    async Task CheckDriftAsync(CancellationToken cancellationToken)
    {
        var deployments = await DeploymentsAsync(cancellationToken);
        var report = await deployments.CheckDriftAsync(cancellationToken);
        Serilog.Log.Information("{Drift}", report.ToText());
        await GitHubActions.AppendStepSummaryAsync(report.ToMarkdown(), cancellationToken);
        if (report.HasDrift)
        {
            throw new TargetExitCodeException(DriftExitCode, report.Summary);
        }
    }
}
