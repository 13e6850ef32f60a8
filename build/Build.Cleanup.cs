using AutoPR.Build;
using AutoPR.BuildDefinition.Reporting;
using AutoPR.Deployment;
using AutoPR.Deployment.Cleanup;

namespace AutoPR.BuildDefinition;

/// <summary>Cleanup: deregisters task-definition revisions nobody needs any more.</summary>
internal sealed partial class Build
{
    [Parameter("Cleanup: how many of the family's newest task-definition revisions to keep whatever they are (default 10, at least 1); older ones are deregistered unless they run, Rollback would return to them, or they are the last verified release")]
    public int? Keep { get; set; }

    // Requirement messages are fixed when the graph is made, before parameters have values.
    const string KeepMessage = "--keep must be at least 1: Cleanup keeps the newest N task-definition revisions (default 10) and deregisters older ones; nothing was changed.";

    Target Cleanup => _ => _
        .Description("Deregisters the environment's task-definition revisions beyond the newest --keep N (default 10), never one that runs (the service's deployments, a deployment in progress, any task), the one Rollback would return to, or the last verified one; --dry-run lists what it would deregister and what it keeps, and why.")
        .Requires(() => Environment)
        .Requires(() => EnvironmentFile)
        .Requires(() => Keep is null or > 0, KeepMessage)
        .Requires(() => ApprovedOrNotNeeded, ApprovalMessage)
        .Executes(async ct =>
        {
            var deployments = await DeploymentsAsync(ct);
            var result = await deployments.CleanupAsync(
                new CleanupOptions { Keep = Keep ?? RevisionCleanup.DefaultKeep, Actor = Actor, Confirmed = Confirm }, DeploymentEventLog.Create(), ct);
            if (result.Plan.Deregister.Count == 0)
            {
                throw new TargetSkippedException(result.Plan.Summary);
            }
        });
}
