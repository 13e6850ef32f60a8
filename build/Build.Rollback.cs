using AutoPR.Build;
using AutoPR.BuildDefinition.Reporting;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollback;

namespace AutoPR.BuildDefinition;

/// <summary>Manual rollback and the deployment history.</summary>
internal sealed partial class Build
{
    [Parameter("Rollback: the task-definition revision to return to (default: the previous verified deployment)")]
    public int? ToRevision { get; set; }

    [Parameter("Rollback: the image to return to, by digest (sha256:...) or tag")]
    public string? ToImage { get; set; }

    [Parameter("Rollback: also take the database schema back to what the older release needs (the newer image's down steps); without it, a release that cannot run on the current schema is refused")]
    public bool Database { get; set; }

    Target Rollback => _ => _
        .Description("Returns the service to the previous verified deployment, or to --to-revision N / --to-image DIGEST|TAG, and verifies it; --database takes the schema back too (--confirm-data-loss for down steps that lose data).")
        .Requires(() => Environment)
        .Requires(() => EnvironmentFile)
        .Requires(() => ApprovedOrNotNeeded, ApprovalMessage)
        .Requires(() => ToRevision is null || ToImage is null, "Pass either --to-revision or --to-image, not both.")
        .Executes(async ct =>
        {
            var target = ToRevision is { } revision ? RollbackTarget.ToRevision(revision)
                : ToImage is { } image ? RollbackTarget.ToImage(image)
                : RollbackTarget.Previous;
            var deployments = await DeploymentsAsync(ct);
            await deployments.RollBackAsync(
                new RollbackRequest { Target = target, Actor = Actor, Confirmed = Confirm, Reason = "manual rollback", Database = Database, ConfirmDataLoss = ConfirmDataLoss }, DeploymentEventLog.Create(), ct);
        });

    Target History => _ => _
        .Description("Prints the deployments and rollbacks of an environment: revision, image, git sha, actor, times, outcome, reason.")
        .Requires(() => Environment)
        .Requires(() => EnvironmentFile)
        .Executes(async ct =>
        {
            var deployments = await DeploymentsAsync(ct);
            Console.Out.WriteLine(HistoryFormatter.ToText(await deployments.HistoryAsync(ct), deployments.Environment.Name));
        });
}
