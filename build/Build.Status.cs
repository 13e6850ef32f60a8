using AutoPR.Build;
using AutoPR.Deployment.Status;

namespace AutoPR.BuildDefinition;

/// <summary>Status: what runs in an environment, on AWS or on the local stack, through the same ECS API.</summary>
internal sealed partial class Build
{
    Target Status => _ => _
        .Description("Shows what runs in an environment: the service, its deployment (rollout state, traffic per revision while BLUE_GREEN, CANARY or LINEAR shift it), tasks per revision with health, the latest service events, the last verified release and where Rollback would go; also to the CI step summary. A missing service is one line, exit code 1.")
        .Requires(() => Environment)
        .Requires(() => EnvironmentFile)
        .Executes(async ct =>
        {
            var deployments = await DeploymentsAsync(ct);
            var status = await deployments.StatusAsync(ct);
            if (!status.ServiceExists)
            {
                throw new TargetExitCodeException(ExitCodes.TargetFailed, status.Summary);
            }

            Console.Out.WriteLine(EnvironmentStatusFormatter.ToText(status));
            await GitHubActions.AppendStepSummaryAsync(EnvironmentStatusFormatter.ToMarkdown(status), ct);
        });
}
