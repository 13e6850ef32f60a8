using System.Text;
using AutoPR.Deployment.Diff;
using AutoPR.Deployment.Ecs.Views;
using AutoPR.Deployment.Templates;

namespace AutoPR.Deployment.Rollout;

/// <summary>What a deployment would do, found by reading only: the diffs, whether a revision is registered, whether the service changes.</summary>
public sealed record DeploymentPlan
{
    /// <summary>What was rendered.</summary>
    public required RenderedDeployment Rendered { get; init; }

    /// <summary>The service as ECS describes it; null when it does not exist (it will be created).</summary>
    public EcsServiceView? Service { get; init; }

    /// <summary>The revision the service runs now, when it exists.</summary>
    public EcsTaskDefinitionView? Running { get; init; }

    /// <summary>An ACTIVE revision identical to the rendered task definition (the running or the latest one); null means register.</summary>
    public string? ReusableTaskDefinitionArn { get; init; }

    /// <summary>Task definition: what runs (or the family's latest revision) against the rendered one.</summary>
    public required DefinitionDiff TaskDefinitionDiff { get; init; }

    /// <summary>Service configuration: what runs against the rendered definition.</summary>
    public required DefinitionDiff ServiceDiff { get; init; }

    /// <summary>Deployments of the service that are still rolling out.</summary>
    public IReadOnlyList<EcsDeploymentView> InProgress { get; init; } = [];

    /// <summary>Whether the service exists.</summary>
    public bool ServiceExists => Service is not null;

    /// <summary>Whether a new task-definition revision is registered.</summary>
    public bool RegistersTaskDefinition => ReusableTaskDefinitionArn is null;

    /// <summary>Whether the service already runs the rendered revision.</summary>
    public bool ServiceRunsRendered =>
        ReusableTaskDefinitionArn is not null && string.Equals(Service?.TaskDefinition, ReusableTaskDefinitionArn, StringComparison.Ordinal);

    /// <summary>Whether deploying changes nothing: same revision running, same configuration, nothing in progress.</summary>
    public bool IsNoOp => ServiceExists && ServiceRunsRendered && !ServiceDiff.HasChanges && InProgress.Count == 0;

    /// <summary>The steps, in order, as lines.</summary>
    public IReadOnlyList<string> Actions
    {
        get
        {
            if (IsNoOp)
            {
                return [$"nothing to do: service {Rendered.ServiceName} already runs {TaskDefinitionRegistered.Label(ReusableTaskDefinitionArn!)} with this configuration"];
            }

            var actions = new List<string>();
            actions.Add(RegistersTaskDefinition
                ? $"register a new revision of task definition {Rendered.Family}"
                : $"use task definition {TaskDefinitionRegistered.Label(ReusableTaskDefinitionArn!)} (identical to the rendered one)");
            if (!ServiceExists)
            {
                actions.Add($"create service {Rendered.ServiceName} in cluster {Rendered.Cluster} ({Rendered.Environment.DesiredCount} tasks)");
            }
            else
            {
                actions.Add(ServiceRunsRendered
                    ? $"update service {Rendered.ServiceName} (configuration only)"
                    : $"update service {Rendered.ServiceName} from {(Service!.TaskDefinition is { } current ? TaskDefinitionRegistered.Label(current) : "nothing")} to the new revision ({Rendered.Environment.Deployment.StrategyName})");
            }

            actions.Add("watch the rollout until ECS reports it finished");
            return actions;
        }
    }

    /// <summary>One line: environment, image and what happens.</summary>
    public string Summary =>
        $"{Rendered.Environment.Name}: {Rendered.Release.Image.Runnable} ({Rendered.Release.GitSha}): " +
        (IsNoOp ? "no changes" : string.Join(", ", Actions.Take(Actions.Count - 1)));

    /// <summary>The plan for printing: summary, steps and both diffs.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append("Plan for ").Append(Rendered.Environment.Name).Append(" (cluster ").Append(Rendered.Cluster)
            .Append(", service ").Append(Rendered.ServiceName).Append(")\n");
        text.Append("  image ").Append(Rendered.Release.Image.Runnable).Append('\n');
        foreach (var action in Actions)
        {
            text.Append("  - ").Append(action).Append('\n');
        }

        foreach (var deployment in InProgress)
        {
            text.Append("  ! in progress: ").Append(deployment.TaskDefinition is { } t ? TaskDefinitionRegistered.Label(t) : "?")
                .Append(" (").Append(deployment.Id).Append(")\n");
        }

        text.Append(TaskDefinitionDiff).Append('\n');
        text.Append(ServiceDiff);
        return text.ToString();
    }
}
