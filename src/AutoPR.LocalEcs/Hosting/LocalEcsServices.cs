using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Deployments;
using AutoPR.LocalEcs.Ecr;
using AutoPR.LocalEcs.Ecs;
using AutoPR.LocalEcs.Ecs.Operations;
using AutoPR.LocalEcs.Faults;
using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.Logs;
using AutoPR.LocalEcs.Metrics;
using AutoPR.LocalEcs.Metrics.Alarms;
using AutoPR.LocalEcs.Ports;
using AutoPR.LocalEcs.Ssm;
using AutoPR.LocalEcs.Tasks;
using AutoPR.LocalEcs.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoPR.LocalEcs.Hosting;

/// <summary>Wires the parts of LocalEcs together.</summary>
public static class LocalEcsServices
{
    public static IServiceCollection AddLocalEcs(this IServiceCollection services, LocalEcsOptions options)
    {
        var files = new StateFiles(options.StateDirectory);
        files.EnsureDirectory();
        services.AddSingleton(options);
        services.AddSingleton(files);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ApiEndpoint>();
        services.AddSingleton(sp => new EcsStore(files.EcsState, sp.GetRequiredService<ILogger<EcsStore>>()));
        services.AddSingleton<EcsNames>();
        services.AddSingleton<ApiFaults>(_ => new ApiFaults());
        services.AddSingleton<TaskFaults>();
        services.AddSingleton<ListenerAllocator>();
        services.AddSingleton<DeploymentStarter>();
        services.AddSingleton<ClusterOperations>();
        services.AddSingleton<TaskDefinitionOperations>();
        services.AddSingleton<ServiceOperations>();
        services.AddSingleton<TaskOperations>();
        services.AddSingleton<RunTaskOperation>();
        services.AddSingleton<ServiceDeploymentOperations>();
        services.AddSingleton<LifecycleHookOperations>();
        services.AddSingleton<TagOperations>();
        services.AddSingleton(sp => EcsApi.Create(
            sp.GetRequiredService<ClusterOperations>(),
            sp.GetRequiredService<TaskDefinitionOperations>(),
            sp.GetRequiredService<ServiceOperations>(),
            sp.GetRequiredService<TaskOperations>(),
            sp.GetRequiredService<RunTaskOperation>(),
            sp.GetRequiredService<ServiceDeploymentOperations>(),
            sp.GetRequiredService<LifecycleHookOperations>(),
            sp.GetRequiredService<TagOperations>()));
        services.AddSingleton<MetricRecorder>();
        services.AddSingleton<GetMetricDataOperation>();
        services.AddSingleton<AlarmStore>();
        services.AddSingleton<AlarmOperations>();
        services.AddSingleton<AlarmEvaluatorService>();
        services.AddHostedService(sp => sp.GetRequiredService<AlarmEvaluatorService>());
        services.AddSingleton(sp => CloudWatchApi.Create(sp.GetRequiredService<GetMetricDataOperation>(), sp.GetRequiredService<AlarmOperations>()));
        services.AddSingleton(_ => new RegistryClient(options.Registry));
        services.AddSingleton<EcrMetadataStore>();
        services.AddSingleton<EcrOperations>();
        services.AddSingleton(sp => EcrApi.Create(sp.GetRequiredService<EcrOperations>()));
        services.AddSingleton<ParameterStore>();
        services.AddSingleton<SecureStringMask>();
        services.AddSingleton<SsmOperations>();
        services.AddSingleton(sp => SsmApi.Create(sp.GetRequiredService<SsmOperations>()));
        services.AddSingleton<LogStore>();
        services.AddSingleton<LogsOperations>();
        services.AddSingleton(sp => LogsApi.Create(sp.GetRequiredService<LogsOperations>()));
        services.AddSingleton<AwsJsonEndpoint>();

        services.AddSingleton<ITaskRuntime>(sp => new DockerTaskRuntime(
            DockerClientFactory.Create(options.DockerHost), files.ReadOrCreateInstanceId(), sp.GetRequiredService<ILogger<DockerTaskRuntime>>()));
        services.AddSingleton<IContainerLogCapture>(sp => new DockerLogCapture(
            DockerClientFactory.Create(options.DockerHost), sp.GetRequiredService<LogStore>(), sp.GetRequiredService<ILogger<DockerLogCapture>>()));
        services.AddSingleton<IListeningSockets, ProcNetTcp>();
        services.AddSingleton<IProcessTable, ProcProcessTable>();
        services.AddSingleton<PortHolders>();
        services.AddSingleton<TaskAddressAllocator>();
        services.AddSingleton<ITaskProcesses>(_ => new DockerTaskProcesses(DockerClientFactory.Create(options.DockerHost), files.ReadOrCreateInstanceId()));
        services.AddSingleton<TargetOwnership>();
        services.AddSingleton<TaskLaunchPlanner>();
        services.AddSingleton<TargetGroups>();
        services.AddSingleton<LocalLoadBalancer>();
        services.AddSingleton<ILoadBalancer>(sp => sp.GetRequiredService<LocalLoadBalancer>());
        services.AddSingleton<TargetHealthChecker>();
        services.AddHostedService(sp => sp.GetRequiredService<TargetHealthChecker>());
        services.AddSingleton<TaskRecordFactory>();
        services.AddSingleton<ServiceTaskFactory>();
        services.AddSingleton<IAlarmStates>(sp => sp.GetRequiredService<AlarmStore>());
        services.AddSingleton<ServiceScheduler>();
        services.AddSingleton<Reconciler>();
        services.AddHostedService<ReconcilerService>();
        return services;
    }
}
