using AutoPR.Build;
using AutoPR.BuildDefinition.Reporting;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollback;
using Serilog;

namespace AutoPR.BuildDefinition;

/// <summary>Manual rollback and the deployment history.</summary>
internal sealed partial class Build
{
    [Parameter("Rollback: the task-definition revision to return to (default: the previous verified deployment)")]
    public int? ToRevision { get; set; }

    [Parameter("Rollback: the image to return to, by digest (sha256:...) or tag")]
    public string? ToImage { get; set; }

    Target Rollback => _ => _
        .Description("Returns the service to the previous verified deployment, or to --to-revision N / --to-image DIGEST|TAG, and verifies it.")
        .Requires(() => Environment)
        .Requires(() => SelectedEnvironment)
        .Requires(() => ApprovedOrNotNeeded, ApprovalMessage)
        .Executes(async ct =>
        {
            if (ToRevision is not null && ToImage is not null)
            {
                throw new InvalidOperationException("Pass either --to-revision or --to-image, not both.");
            }

            var session = await SessionAsync(ct);
            var target = ToRevision is { } revision ? RollbackTarget.ToRevision(revision)
                : ToImage is { } image ? RollbackTarget.ToImage(image)
                : RollbackTarget.Previous;
            Log.Information("Rolling {Environment} back to {Target}", session.Environment.Name, target);
            var result = await session.Rollback.RollBackAsync(
                new RollbackRequest { Environment = session.Environment, Target = target, Actor = Actor, Confirmed = Confirm, Reason = "manual rollback" },
                DeploymentEventLog.Create(),
                ct);
            Log.Information("{Summary}", result.Summary);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Summary);
            }
        });

    Target History => _ => _
        .Description("Prints the deployments and rollbacks of an environment: revision, image, git sha, actor, times, outcome, reason.")
        .Requires(() => Environment)
        .Requires(() => SelectedEnvironment)
        .Executes(async ct =>
        {
            var session = await SessionAsync(ct);
            var records = await session.History.ReadAsync(session.Family, session.Environment.Name, cancellationToken: ct);
            Console.Out.WriteLine(HistoryFormatter.ToText(records, session.Environment.Name));
        });
}
