using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Deployments;
using AutoPR.LocalEcs.Ecs.Model;
using AutoPR.LocalEcs.Ecs.Shapes;
using AutoPR.LocalEcs.LoadBalancer;
using AutoPR.LocalEcs.State;

namespace AutoPR.LocalEcs.Ecs.Operations;

/// <summary>CreateService, UpdateService, DescribeServices, DeleteService, ListServices.</summary>
public sealed class ServiceOperations(EcsStore store, EcsNames names, TimeProvider time, DeploymentStarter starter, ListenerAllocator listeners)
{
    public Task<JsonObject> CreateAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.WriteAsync(state =>
        {
            var cluster = EcsLookup.Cluster(state, request.Text("cluster"));
            var name = request.RequiredText("serviceName");
            var desired = request.WholeNumber("desiredCount") ?? 0;
            if (desired < 0)
            {
                throw request.Invalid("desiredCount must be 0 or greater.");
            }

            if (EcsLookup.FindService(state, cluster, name) is { Status: not "INACTIVE" })
            {
                throw new AwsServiceException("InvalidParameterException", "Creation of service was not idempotent.");
            }

            var taskDefinition = EcsLookup.FindTaskDefinition(state, request.RequiredText("taskDefinition"))
                ?? throw new AwsServiceException("ClientException", "TaskDefinition not found.");
            if (taskDefinition.Status != "ACTIVE")
            {
                throw new AwsServiceException("ClientException", $"TaskDefinition is inactive ({taskDefinition.Arn}).");
            }

            var service = new ServiceRecord
            {
                Arn = names.ServiceArn(cluster.Name, name),
                Name = name,
                ClusterName = cluster.Name,
                ClusterArn = cluster.Arn,
                TaskDefinitionArn = taskDefinition.Arn,
                DesiredCount = desired,
                LaunchType = request.Text("launchType") ?? "FARGATE",
                PlatformVersion = request.Text("platformVersion") ?? "LATEST",
                Deployment = DeploymentSettingsShape.Merge(new DeploymentSettings(), request.Nested("deploymentConfiguration")),
                LoadBalancers = LoadBalancerShape.Parse(request.Array("loadBalancers"), request),
                HealthCheckGracePeriodSeconds = request.WholeNumber("healthCheckGracePeriodSeconds"),
                NetworkConfiguration = request.Map("networkConfiguration")?.DeepClone().AsObject(),
                PropagateTags = request.Text("propagateTags") ?? "NONE",
                EnableEcsManagedTags = request.Flag("enableECSManagedTags") ?? false,
                EnableExecuteCommand = request.Flag("enableExecuteCommand") ?? false,
                CreatedAt = time.GetUtcNow(),
            };
            ValidateLoadBalancers(service, taskDefinition, request);
            var tags = TagShape.Parse(request.Array("tags"));
            if (service.LoadBalancers.Count > 0)
            {
                service.ListenerAddress = listeners.Allocate(state, service.Key, tags);
            }

            AssignTestListener(state, service, tags);

            state.Services[service.Key] = service;
            if (tags.Count > 0)
            {
                state.Tags[service.Arn] = tags;
            }

            starter.Start(state, service);
            return new JsonObject { ["service"] = ServiceShape.ToJson(service, state, includeTags: false) };
        }, cancellationToken);

    public Task<JsonObject> UpdateAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.WriteAsync(state =>
        {
            var cluster = EcsLookup.Cluster(state, request.Text("cluster"));
            var service = EcsLookup.Service(state, cluster, request.RequiredText("service"));
            if (service.Status != "ACTIVE")
            {
                throw new AwsServiceException("ServiceNotActiveException", "Service was not ACTIVE.");
            }

            var newDeployment = request.Flag("forceNewDeployment") ?? false;
            if (request.Text("taskDefinition") is { } requested)
            {
                var taskDefinition = EcsLookup.FindTaskDefinition(state, requested)
                    ?? throw new AwsServiceException("ClientException", "TaskDefinition not found.");
                if (taskDefinition.Status != "ACTIVE")
                {
                    throw new AwsServiceException("ClientException", $"TaskDefinition is inactive ({taskDefinition.Arn}).");
                }

                newDeployment |= taskDefinition.Arn != service.TaskDefinitionArn;
                service.TaskDefinitionArn = taskDefinition.Arn;
            }

            if (request.WholeNumber("desiredCount") is { } desired)
            {
                if (desired < 0)
                {
                    throw request.Invalid("desiredCount must be 0 or greater.");
                }

                service.DesiredCount = desired;
                if (service.Primary is { } primary)
                {
                    primary.DesiredCount = desired;
                    primary.UpdatedAt = time.GetUtcNow();
                }

                service.SteadyStateReported = false;
            }

            service.Deployment = DeploymentSettingsShape.Merge(service.Deployment, request.Nested("deploymentConfiguration"));
            if (request.Array("loadBalancers") is { } loadBalancers)
            {
                var parsed = LoadBalancerShape.Parse(loadBalancers, request);
                newDeployment |= !parsed.SequenceEqual(service.LoadBalancers);
                service.LoadBalancers = parsed;
                var tags = state.Tags.GetValueOrDefault(service.Arn);
                if (parsed.Count > 0)
                {
                    service.ListenerAddress = listeners.Allocate(state, service.Key, tags);
                }

                AssignTestListener(state, service, tags);
            }

            if (request.Map("networkConfiguration") is { } network)
            {
                newDeployment |= !JsonNode.DeepEquals(network, service.NetworkConfiguration);
                service.NetworkConfiguration = network.DeepClone().AsObject();
            }

            service.HealthCheckGracePeriodSeconds = request.WholeNumber("healthCheckGracePeriodSeconds") ?? service.HealthCheckGracePeriodSeconds;
            service.PropagateTags = request.Text("propagateTags") ?? service.PropagateTags;
            service.EnableEcsManagedTags = request.Flag("enableECSManagedTags") ?? service.EnableEcsManagedTags;
            service.EnableExecuteCommand = request.Flag("enableExecuteCommand") ?? service.EnableExecuteCommand;
            ValidateLoadBalancers(service, EcsLookup.TaskDefinition(state, service.TaskDefinitionArn), request);
            if (newDeployment)
            {
                starter.Start(state, service);
            }

            return new JsonObject { ["service"] = ServiceShape.ToJson(service, state, includeTags: false) };
        }, cancellationToken);

    public Task<JsonObject> DescribeAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.ReadAsync(state =>
        {
            var cluster = EcsLookup.Cluster(state, request.Text("cluster"));
            var requested = request.Texts("services");
            if (requested.Count is 0 or > 10)
            {
                throw request.Invalid("services must name between 1 and 10 services.");
            }

            var includeTags = request.Texts("include").Contains("TAGS");
            var services = new JsonArray();
            var failures = new JsonArray();
            foreach (var item in requested)
            {
                if (EcsLookup.FindService(state, cluster, item) is { } service)
                {
                    services.Add(ServiceShape.ToJson(service, state, includeTags));
                }
                else
                {
                    failures.Add(new JsonObject { ["arn"] = names.ServiceArn(cluster.Name, EcsNames.NameOf(item)), ["reason"] = "MISSING" });
                }
            }

            return new JsonObject { ["services"] = services, ["failures"] = failures };
        }, cancellationToken);

    public Task<JsonObject> DeleteAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.WriteAsync(state =>
        {
            var cluster = EcsLookup.Cluster(state, request.Text("cluster"));
            var service = EcsLookup.Service(state, cluster, request.RequiredText("service"));
            if (service.DesiredCount > 0 && request.Flag("force") != true)
            {
                throw new AwsServiceException("InvalidParameterException", "The service cannot be stopped while it is scaled above 0.");
            }

            service.Status = "DRAINING";
            service.DesiredCount = 0;
            foreach (var deployment in service.Deployments)
            {
                deployment.DesiredCount = 0;
            }

            return new JsonObject { ["service"] = ServiceShape.ToJson(service, state, includeTags: false) };
        }, cancellationToken);

    public Task<JsonObject> ListAsync(JsonArgs request, CancellationToken cancellationToken) =>
        store.ReadAsync(state =>
        {
            var cluster = EcsLookup.Cluster(state, request.Text("cluster"));
            var launchType = request.Text("launchType");
            var arns = state.Services.Values
                .Where(s => s.ClusterName == cluster.Name && s.Status != "INACTIVE" && (launchType is null || s.LaunchType == launchType))
                .Select(s => s.Arn)
                .Order(StringComparer.Ordinal)
                .ToList();
            var (page, next) = Paging.Page(arns, request, 10);
            return new JsonObject { ["serviceArns"] = new JsonArray([.. page.Select(a => (JsonNode)a)]), ["nextToken"] = next };
        }, cancellationToken);

    /// <summary>A testListenerRule on the first load balancer gets the service a test listener; without one it has none.</summary>
    private void AssignTestListener(EcsState state, ServiceRecord service, IReadOnlyDictionary<string, string>? tags) =>
        service.TestListenerAddress = service.LoadBalancers.FirstOrDefault()?.TestListenerRule is not null
            ? listeners.AllocateTest(state, service.Key, tags)
            : null;

    private static void ValidateLoadBalancers(ServiceRecord service, TaskDefinitionRecord taskDefinition, JsonArgs request)
    {
        foreach (var lb in service.LoadBalancers)
        {
            var container = taskDefinition.Definition["containerDefinitions"]?.AsArray().OfType<JsonObject>()
                .FirstOrDefault(c => c["name"]?.GetValue<string>() == lb.ContainerName)
                ?? throw request.Invalid($"The container {lb.ContainerName} does not exist in the task definition.");
            var ports = container["portMappings"]?.AsArray().OfType<JsonObject>().Select(p => p["containerPort"]?.GetValue<int>()).ToList() ?? [];
            if (!ports.Contains(lb.ContainerPort))
            {
                throw request.Invalid($"The container {lb.ContainerName} did not have a container port {lb.ContainerPort} defined.");
            }
        }
    }
}
