using AutoPR.Build;
using AutoPR.Deployment;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Verification;

namespace AutoPR.BuildDefinition.Reporting;

/// <summary>The deployment report in the GitHub Actions job summary: environment, revision, digest, duration, verification.</summary>
internal static class DeploymentReport
{
    public static async Task AppendAsync(Deployments deployments, DeploymentResult? deployment, VerificationReport? verification, CancellationToken cancellationToken)
    {
        var environment = deployments.Environment;
        var pushed = deployments.Pushed;
        if (!NukeBuild.IsRunningOnGitHubActions)
        {
            return;
        }

        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Environment", environment.Name },
            new[] { "Git revision", pushed?.Commit ?? "(unchanged)" },
            new[] { "Image digest", pushed?.Image.Digest ?? "(unchanged)" },
        };
        if (deployment is not null)
        {
            rows.Add(["Task definition", deployment.TaskDefinitionArn ?? "(none)"]);
            rows.Add(["Deployment", $"{deployment.Status} in {(deployment.FinishedAt - deployment.StartedAt).TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s"]);
        }

        var markdown = $"### Deployment to {environment.Name}\n\n{GitHubActions.MarkdownTable(["", ""], rows)}\n";
        if (verification is not null)
        {
            markdown += "\n" + verification.ToMarkdown() + "\n";
        }

        await GitHubActions.AppendStepSummaryAsync(markdown, cancellationToken);
    }
}
