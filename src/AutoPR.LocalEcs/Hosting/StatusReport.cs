using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.State;
using Microsoft.Extensions.DependencyInjection;

namespace AutoPR.LocalEcs.Hosting;

/// <summary>What LocalStatus shows: services, their deployments and revisions, tasks with addresses and health, listener and test listener URLs and where they route.</summary>
public static class StatusReport
{
    public static Task<object> BuildAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<EcsStore>();
        var loadBalancer = services.GetRequiredService<ILoadBalancer>();
        var targets = services.GetRequiredService<TargetGroups>();
        return store.ReadAsync<object>(state => new
        {
            services = state.Services.Values.Select(service => new
            {
                cluster = service.ClusterName,
                service = service.Name,
                status = service.Status,
                taskDefinition = service.TaskDefinitionArn,
                desiredCount = service.DesiredCount,
                listener = service.ListenerAddress is null ? null : $"http://{service.ListenerAddress}",
                testListener = service.TestListenerAddress is null ? null : $"http://{service.TestListenerAddress}",
                productionTargetGroup = service.ProductionTargetGroupArn,
                greenTargetGroup = service.GreenTargetGroupArn,
                greenProductionPercent = service.GreenTargetGroupArn is null ? (double?)null : service.GreenProductionPercent,
                testTargetGroup = service.TestListenerAddress is null ? null : service.TestTargetGroupArn,
                deployments = service.Deployments.Select(d => new { id = d.Id, status = d.Status, rolloutState = d.RolloutState, taskDefinition = d.TaskDefinitionArn, desiredCount = d.DesiredCount, failedTasks = d.FailedTasks }),
                tasks = state.Tasks.Values
                    .Where(t => t.ClusterName == service.ClusterName && t.ServiceName == service.Name && !t.IsStopped)
                    .Select(t => new
                    {
                        id = t.Id,
                        address = t.Address,
                        deployment = t.StartedBy,
                        taskDefinition = t.TaskDefinitionArn,
                        lastStatus = t.LastStatus,
                        desiredStatus = t.DesiredStatus,
                        health = t.HealthStatus,
                        target = t.TargetGroupArn is null ? null : loadBalancer.Health(t.TargetGroupArn, t.Id).ToString(),
                        targetReason = t.TargetGroupArn is null ? null : targets.Reason(t.TargetGroupArn, t.Id),
                    }),
            }),
        }, cancellationToken);
    }
}
