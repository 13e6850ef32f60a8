using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Rollout.Fakes;

/// <summary>
/// Amazon ECS (and CloudWatch GetMetricData) in memory behind the real client: an HTTP transport under the signer
/// that answers AWS JSON 1.1 requests from in-memory state. Responses carry what real ECS adds (ARNs, revisions,
/// requiresAttributes, compatibilities, container defaults, service defaults), environment entries come back in
/// another order, and every request and response is checked against the official botocore model. Rollouts advance
/// one step per DescribeServices call, following <see cref="NextRollout"/>.
/// </summary>
public sealed class FakeEcs(TimeProvider time) : HttpMessageHandler
{
    public const string Account = "123456789012";
    public const string Region = "eu-west-1";

    public static readonly IReadOnlySet<string> MutatingOperations = new HashSet<string>(StringComparer.Ordinal)
    {
        "RegisterTaskDefinition", "DeregisterTaskDefinition", "CreateService", "UpdateService", "DeleteService",
        "StopServiceDeployment", "TagResource", "UntagResource", "CreateCluster", "RunTask", "StopTask",
    };

    private readonly Lock _gate = new();
    private readonly List<(string Operation, JsonObject Request)> _calls = [];
    private readonly Dictionary<string, List<TaskDefinitionEntry>> _families = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeService> _services = new(StringComparer.Ordinal);
    private readonly List<StoppedTaskEntry> _stoppedTasks = [];
    private readonly List<FakeOneOffTask> _oneOffTasks = [];
    private readonly List<string> _modelProblems = [];
    private readonly Dictionary<string, FakeAwsException> _failures = new(StringComparer.Ordinal);
    private int _ids;

    /// <summary>How the next deployment plays out.</summary>
    public RolloutScript NextRollout { get; set; } = RolloutScript.Succeed();

    /// <summary>How a one-off task (RunTask) ends, given its command: its exit code, or null with a stop code and reason when it cannot start.</summary>
    public Func<IReadOnlyList<string>, (int? ExitCode, string StopCode, string Reason)> OneOffOutcome { get; set; } =
        _ => (0, "EssentialContainerExited", "Essential container in task exited");

    /// <summary>How many DescribeTasks calls a one-off task stays RUNNING (int.MaxValue: until StopTask).</summary>
    public int OneOffRunningPolls { get; set; } = 1;

    /// <summary>The one-off tasks RunTask started, in order (their command and final state).</summary>
    public IReadOnlyList<FakeOneOffTask> OneOffTasks
    {
        get
        {
            lock (_gate)
            {
                return [.. _oneOffTasks];
            }
        }
    }

    /// <summary>Answers GetMetricData (the request document); default: no data.</summary>
    public Func<JsonObject, JsonObject>? MetricData { get; set; }

    /// <summary>Raised for each request (operation name) before it is answered.</summary>
    public event Action<string>? Received;

    public IReadOnlyList<string> Operations
    {
        get
        {
            lock (_gate)
            {
                return _calls.Select(c => c.Operation).ToList();
            }
        }
    }

    public IReadOnlyList<(string Operation, JsonObject Request)> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<string> MutatingCalls => Operations.Where(MutatingOperations.Contains).ToList();

    /// <summary>Requests or responses that do not match the botocore model.</summary>
    public IReadOnlyList<string> ModelProblems
    {
        get
        {
            lock (_gate)
            {
                return [.. _modelProblems];
            }
        }
    }

    public void ClearCalls()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    public FakeService Service(string name) => _services[name];

    public IReadOnlyDictionary<string, string> TagsOf(string arn)
    {
        lock (_gate)
        {
            return _tags.TryGetValue(arn, out var tags) ? new Dictionary<string, string>(tags) : new Dictionary<string, string>();
        }
    }

    public int RevisionCount(string family)
    {
        lock (_gate)
        {
            return _families.TryGetValue(family, out var list) ? list.Count : 0;
        }
    }

    /// <summary>Registers a revision directly (setup); returns its ARN.</summary>
    public string Seed(JsonObject taskDefinition)
    {
        lock (_gate)
        {
            return RegisterLocked(taskDefinition).Arn;
        }
    }

    /// <summary>A steady service running <paramref name="taskDefinitionArn"/> (setup), configured by <paramref name="createRequest"/>.</summary>
    public void SeedService(JsonObject createRequest, string taskDefinitionArn)
    {
        lock (_gate)
        {
            var service = CreateLocked(createRequest, taskDefinitionArn);
            var deployment = service.Deployments[0];
            deployment.Running = deployment.Desired;
            deployment.RolloutState = "COMPLETED";
            var rollout = service.Rollouts[0];
            rollout.Status = "SUCCESSFUL";
            rollout.FinishedAt = time.GetUtcNow();
            service.AddEvent($"(service {service.Name}) has reached a steady state.", time.GetUtcNow());
        }
    }

    /// <summary>From now on every call of <paramref name="operation"/> fails with <paramref name="error"/> (a missing permission, say).</summary>
    public void Fail(string operation, FakeAwsException error)
    {
        lock (_gate)
        {
            _failures[operation] = error;
        }
    }

    /// <summary>Adds one service event now (as ECS would while nothing else changes).</summary>
    public void AddEvent(string serviceName, string message)
    {
        lock (_gate)
        {
            _services[serviceName].AddEvent(message, time.GetUtcNow());
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "{}" : await request.Content.ReadAsStringAsync(cancellationToken);
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : string.Empty;
        var prefix = target[..target.IndexOf('.', StringComparison.Ordinal)];
        var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var json = JsonNode.Parse(body) as JsonObject ?? [];
        var model = ServiceModel.ForTargetPrefix(prefix);
        lock (_gate)
        {
            _calls.Add((operation, (JsonObject)json.DeepClone()));
            _modelProblems.AddRange(model.ValidateInput(operation, json).Select(p => $"{operation} request: {p}"));
        }

        Received?.Invoke(operation);
        try
        {
            JsonObject response;
            lock (_gate)
            {
                // As text, the way a client receives it (values built in code then read like parsed ones).
                response = JsonNode.Parse(Dispatch(operation, json).ToJsonString())!.AsObject();
                _modelProblems.AddRange(model.ValidateOutput(operation, response).Select(p => $"{operation} response: {p}"));
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(response.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1") };
        }
        catch (FakeAwsException error)
        {
            var text = new JsonObject { ["__type"] = error.Code, ["message"] = error.Message }.ToJsonString();
            return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(text, Encoding.UTF8, "application/x-amz-json-1.1") };
        }
    }

    private JsonObject Dispatch(string operation, JsonObject request) => _failures.TryGetValue(operation, out var failure) ? throw failure : operation switch
    {
        "RegisterTaskDefinition" => Register(request),
        "DescribeTaskDefinition" => DescribeTaskDefinition(request),
        "ListTaskDefinitions" => ListTaskDefinitions(request),
        "DeregisterTaskDefinition" => DeregisterTaskDefinition(request),
        "CreateService" => CreateService(request),
        "UpdateService" => UpdateService(request),
        "DescribeServices" => DescribeServices(request),
        "ListServiceDeployments" => ListServiceDeployments(request),
        "DescribeServiceDeployments" => DescribeServiceDeployments(request),
        "DescribeServiceRevisions" => DescribeServiceRevisions(request),
        "StopServiceDeployment" => StopServiceDeployment(request),
        "ListTasks" => ListTasks(request),
        "DescribeTasks" => DescribeTasks(request),
        "RunTask" => RunTask(request),
        "StopTask" => StopTask(request),
        "TagResource" => TagResource(request),
        "ListTagsForResource" => new JsonObject { ["tags"] = TagList(TagsOf(Text(request, "resourceArn"))) },
        "GetMetricData" => MetricData?.Invoke(request) ?? new JsonObject { ["MetricDataResults"] = new JsonArray(), ["Messages"] = new JsonArray() },
        _ => throw new FakeAwsException("UnknownOperationException", $"The fake does not implement {operation}"),
    };

    // ---- task definitions ----
    private JsonObject Register(JsonObject request)
    {
        var entry = RegisterLocked(request);
        return new JsonObject { ["taskDefinition"] = Describe(entry), ["tags"] = TagList(TagsOf(entry.Arn)) };
    }

    private TaskDefinitionEntry RegisterLocked(JsonObject request)
    {
        var family = Text(request, "family");
        var list = _families.TryGetValue(family, out var existing) ? existing : _families[family] = [];
        var definition = (JsonObject)request.DeepClone();
        var tags = definition["tags"] as JsonArray;
        definition.Remove("tags");
        var entry = new TaskDefinitionEntry(family, list.Count + 1, definition, time.GetUtcNow());
        list.Add(entry);
        if (tags is { Count: > 0 })
        {
            SetTags(entry.Arn, tags.Select(t => (Text(t!.AsObject(), "key"), t!["value"]?.GetValue<string>() ?? string.Empty)));
        }

        return entry;
    }

    private JsonObject DescribeTaskDefinition(JsonObject request)
    {
        var entry = FindTaskDefinition(Text(request, "taskDefinition"));
        var response = new JsonObject { ["taskDefinition"] = Describe(entry) };
        if (request["include"] is JsonArray include && include.Any(i => i?.GetValue<string>() == "TAGS"))
        {
            response["tags"] = TagList(TagsOf(entry.Arn));
        }

        return response;
    }

    private TaskDefinitionEntry FindTaskDefinition(string reference)
    {
        var name = reference.Contains(":task-definition/", StringComparison.Ordinal) ? reference[(reference.LastIndexOf('/') + 1)..] : reference;
        var colon = name.LastIndexOf(':');
        var family = colon >= 0 ? name[..colon] : name;
        if (_families.TryGetValue(family, out var list))
        {
            var entry = colon >= 0
                ? list.FirstOrDefault(e => e.Revision.ToString(CultureInfo.InvariantCulture) == name[(colon + 1)..])
                : list.LastOrDefault(e => e.Status == "ACTIVE");
            if (entry is not null)
            {
                return entry;
            }
        }

        throw new FakeAwsException("ClientException", "Unable to describe task definition.");
    }

    private JsonObject ListTaskDefinitions(JsonObject request)
    {
        var prefix = request["familyPrefix"]?.GetValue<string>();
        var status = request["status"]?.GetValue<string>() ?? "ACTIVE";
        var descending = request["sort"]?.GetValue<string>() == "DESC";
        var arns = _families.Values.SelectMany(l => l)
            .Where(e => (prefix is null || e.Family.StartsWith(prefix, StringComparison.Ordinal)) && e.Status == status)
            .OrderBy(e => e.Family, StringComparer.Ordinal).ThenBy(e => e.Revision)
            .Select(e => e.Arn)
            .ToList();
        if (descending)
        {
            arns.Reverse();
        }

        var start = request["nextToken"] is { } token ? int.Parse(token.GetValue<string>(), CultureInfo.InvariantCulture) : 0;
        const int page = 10;
        var response = new JsonObject { ["taskDefinitionArns"] = new JsonArray([.. arns.Skip(start).Take(page).Select(a => (JsonNode)a)]) };
        if (start + page < arns.Count)
        {
            response["nextToken"] = (start + page).ToString(CultureInfo.InvariantCulture);
        }

        return response;
    }

    private JsonObject DeregisterTaskDefinition(JsonObject request)
    {
        var reference = Text(request, "taskDefinition");
        if (!reference.Contains(':', StringComparison.Ordinal))
        {
            throw new FakeAwsException("ClientException", "Invalid revision number. Number: ");
        }

        var entry = FindTaskDefinition(reference);
        entry.Status = "INACTIVE";
        return new JsonObject { ["taskDefinition"] = Describe(entry) };
    }

    /// <summary>A revision's status (ACTIVE, or INACTIVE once deregistered).</summary>
    public string StatusOf(string taskDefinitionArn)
    {
        lock (_gate)
        {
            return FindTaskDefinition(taskDefinitionArn).Status;
        }
    }

    // What DescribeTaskDefinition answers for a registered definition: the document plus everything ECS adds.
    private static JsonObject Describe(TaskDefinitionEntry entry)
    {
        var json = (JsonObject)entry.Definition.DeepClone();
        json["taskDefinitionArn"] = entry.Arn;
        json["revision"] = entry.Revision;
        json["status"] = entry.Status;
        json["registeredAt"] = entry.RegisteredAt.ToUnixTimeMilliseconds() / 1000.0;
        json["registeredBy"] = $"arn:aws:sts::{Account}:assumed-role/deployer/session";
        json["compatibilities"] = new JsonArray("EC2", "FARGATE");
        json["requiresAttributes"] = new JsonArray(
            new JsonObject { ["name"] = "com.amazonaws.ecs.capability.docker-remote-api.1.18" },
            new JsonObject { ["name"] = "ecs.capability.task-eni" },
            new JsonObject { ["name"] = "ecs.capability.container-health-check" });
        json["volumes"] ??= new JsonArray();
        json["placementConstraints"] ??= new JsonArray();
        json["enableFaultInjection"] ??= false;
        if (json["cpu"] is JsonValue cpu)
        {
            json["cpu"] = cpu.ToString();
        }

        foreach (var container in json["containerDefinitions"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            container["cpu"] ??= 0;
            container["essential"] ??= true;
            container["mountPoints"] ??= new JsonArray();
            container["volumesFrom"] ??= new JsonArray();
            container["systemControls"] ??= new JsonArray();
            container["versionConsistency"] ??= "enabled";
            foreach (var mapping in container["portMappings"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                mapping["hostPort"] ??= mapping["containerPort"]?.DeepClone();
                mapping["protocol"] ??= "tcp";
            }

            // ECS does not keep the order of environment entries.
            if (container["environment"] is JsonArray environment)
            {
                var items = environment.Select(e => e!.DeepClone()).Reverse().ToList();
                container["environment"] = new JsonArray([.. items]);
            }

            if (container["healthCheck"] is JsonObject healthCheck)
            {
                healthCheck["interval"] ??= 30;
                healthCheck["timeout"] ??= 5;
                healthCheck["retries"] ??= 3;
            }

            if (container["logConfiguration"] is JsonObject log)
            {
                log["secretOptions"] ??= new JsonArray();
            }
        }

        return json;
    }

    // ---- services ----
    private JsonObject CreateService(JsonObject request)
    {
        var name = Text(request, "serviceName");
        if (_services.TryGetValue(name, out var existing) && existing.Status == "ACTIVE")
        {
            throw new FakeAwsException("InvalidParameterException", "Creation of service was not idempotent.");
        }

        var service = CreateLocked(request, FindTaskDefinition(Text(request, "taskDefinition")).Arn);
        return new JsonObject { ["service"] = DescribeService(service) };
    }

    private FakeService CreateLocked(JsonObject request, string taskDefinitionArn)
    {
        var name = Text(request, "serviceName");
        var cluster = Text(request, "cluster");
        var configuration = (JsonObject)request.DeepClone();
        foreach (var member in new[] { "serviceName", "cluster", "taskDefinition", "tags", "clientToken" })
        {
            configuration.Remove(member);
        }

        var service = new FakeService(name, cluster, $"arn:aws:ecs:{Region}:{Account}:service/{cluster}/{name}", configuration, time.GetUtcNow());
        _services[name] = service;
        StartDeployment(service, taskDefinitionArn, source: null);
        return service;
    }

    private JsonObject UpdateService(JsonObject request)
    {
        var service = ServiceOrThrow(Text(request, "service"));
        if (service.Deployments.Any(d => d.RolloutState == "IN_PROGRESS") && request["taskDefinition"] is not null &&
            service.Rollouts.Any(r => !r.IsFinished && r.Status is "ROLLBACK_IN_PROGRESS" or "ROLLBACK_REQUESTED"))
        {
            throw new FakeAwsException("InvalidParameterException", "The service is rolling back.");
        }

        var changesPlacement = false;
        foreach (var (member, value) in request)
        {
            if (member is "service" or "cluster" or "taskDefinition" or "forceNewDeployment")
            {
                continue;
            }

            changesPlacement |= member is "networkConfiguration" or "loadBalancers" && !JsonNode.DeepEquals(service.Configuration[member], value);
            service.Configuration[member] = value?.DeepClone();
        }

        var primary = service.Primary;
        var target = request["taskDefinition"] is { } t ? FindTaskDefinition(t.GetValue<string>()).Arn : primary!.TaskDefinition;
        if (!string.Equals(target, primary?.TaskDefinition, StringComparison.Ordinal) || changesPlacement || request["forceNewDeployment"]?.GetValue<bool>() == true)
        {
            StartDeployment(service, target, primary);
        }
        else if (primary is not null && service.Configuration["desiredCount"] is { } desired)
        {
            primary.Desired = desired.GetValue<int>();
            primary.Running = primary.Desired;
        }

        return new JsonObject { ["service"] = DescribeService(service) };
    }

    private void StartDeployment(FakeService service, string taskDefinitionArn, FakeDeployment? source)
    {
        var desired = service.Configuration["desiredCount"]?.GetValue<int>() ?? 1;
        var deployment = new FakeDeployment($"ecs-svc/{NextId()}", taskDefinitionArn, desired, time.GetUtcNow());
        foreach (var old in service.Deployments.Where(d => d.Status == "PRIMARY"))
        {
            old.Status = "ACTIVE";
        }

        service.Deployments.Insert(0, deployment);
        var strategy = service.Configuration["deploymentConfiguration"]?["strategy"]?.GetValue<string>() ?? "ROLLING";
        var rollout = new FakeRollout(
            $"arn:aws:ecs:{Region}:{Account}:service-deployment/{service.Cluster}/{service.Name}/{NextId()}",
            deployment,
            source,
            strategy,
            NextRollout,
            time.GetUtcNow());
        service.Rollouts.Insert(0, rollout);
        service.TaskDefinition = taskDefinitionArn;
        service.AddEvent($"(service {service.Name}) has started a deployment of {taskDefinitionArn}.", time.GetUtcNow());
    }

    private JsonObject DescribeServices(JsonObject request)
    {
        var services = new JsonArray();
        var failures = new JsonArray();
        foreach (var name in request["services"]!.AsArray().Select(s => s!.GetValue<string>()))
        {
            if (_services.TryGetValue(name, out var service))
            {
                foreach (var rollout in service.Rollouts.Where(r => !r.IsFinished))
                {
                    Advance(service, rollout);
                }

                services.Add(DescribeService(service));
            }
            else
            {
                failures.Add(new JsonObject { ["arn"] = $"arn:aws:ecs:{Region}:{Account}:service/{Text(request, "cluster")}/{name}", ["reason"] = "MISSING" });
            }
        }

        return new JsonObject { ["services"] = services, ["failures"] = failures };
    }

    private void Advance(FakeService service, FakeRollout rollout)
    {
        var now = time.GetUtcNow();
        rollout.Step++;
        var target = rollout.Target;
        var source = rollout.Source;
        if (rollout.Status is "ROLLBACK_REQUESTED")
        {
            rollout.Status = "ROLLBACK_IN_PROGRESS";
            rollout.RollbackReason ??= "Service deployment rolled back because of a StopServiceDeployment request.";
            BeginRollback(service, rollout, now);
            return;
        }

        if (rollout.Status is "ROLLBACK_IN_PROGRESS")
        {
            FinishRollback(service, rollout, now);
            return;
        }

        rollout.Status = "IN_PROGRESS";
        rollout.StartedAt ??= now;
        switch (rollout.Script.Behavior)
        {
            case RolloutBehavior.Succeed:
                rollout.Stage = rollout.Strategy == "BLUE_GREEN"
                    ? (rollout.Step < rollout.Script.Steps - 1 ? "SCALE_UP" : "BAKE_TIME")
                    : "SCALE_UP";
                target.Running = Math.Min(target.Desired, rollout.Step);
                if (rollout.Strategy == "BLUE_GREEN" && rollout.Step >= rollout.Script.Steps - 1)
                {
                    rollout.ProductionTrafficWeight = 100;
                    service.AddEvent($"(service {service.Name}) shifted production traffic to the new revision.", now);
                }

                if (rollout.Step >= rollout.Script.Steps && rollout.Script.Bake > TimeSpan.Zero && (rollout.BakeSince ??= now) + rollout.Script.Bake > now)
                {
                    target.Running = target.Desired;
                    service.Deployments.RemoveAll(d => d != target);
                }
                else if (rollout.Step >= rollout.Script.Steps)
                {
                    target.Running = target.Desired;
                    target.RolloutState = "COMPLETED";
                    rollout.Status = "SUCCESSFUL";
                    rollout.Stage = "CLEAN_UP";
                    rollout.FinishedAt = now;
                    service.Deployments.RemoveAll(d => d != target);
                    service.AddEvent($"(service {service.Name}) has reached a steady state.", now);
                }

                break;
            case RolloutBehavior.CircuitBreakerRollback or RolloutBehavior.FailWithoutRollback:
                if (rollout.Step <= rollout.Script.Failures)
                {
                    target.Failed++;
                    rollout.CircuitBreakerFailures++;
                    StopTask(service, target, now);
                }
                else if (rollout.Script.Behavior == RolloutBehavior.FailWithoutRollback)
                {
                    target.RolloutState = "FAILED";
                    target.RolloutReason = $"ECS deployment circuit breaker: tasks failed to start.";
                }
                else
                {
                    rollout.Status = "ROLLBACK_IN_PROGRESS";
                    rollout.RollbackReason = "Service deployment rolled back because the circuit breaker threshold was exceeded.";
                    BeginRollback(service, rollout, now);
                }

                break;
            case RolloutBehavior.Hang:
                target.Running = Math.Min(1, target.Desired);
                break;
        }
    }

    private static void BeginRollback(FakeService service, FakeRollout rollout, DateTimeOffset now)
    {
        rollout.Target.RolloutState = "FAILED";
        rollout.Target.RolloutReason = rollout.RollbackReason;
        rollout.Target.Status = "ACTIVE";
        if (rollout.Source is { } source)
        {
            source.Status = "PRIMARY";
            source.RolloutState = "IN_PROGRESS";
            service.Deployments.Remove(source);
            service.Deployments.Insert(0, source);
            service.TaskDefinition = source.TaskDefinition;
        }

        rollout.ProductionTrafficWeight = 0;
        service.AddEvent($"(service {service.Name}) rolling back to deployment {rollout.Source?.Id}.", now);
    }

    private static void FinishRollback(FakeService service, FakeRollout rollout, DateTimeOffset now)
    {
        rollout.Status = rollout.Source is null ? "ROLLBACK_FAILED" : "ROLLBACK_SUCCESSFUL";
        rollout.FinishedAt = now;
        if (rollout.Source is { } source)
        {
            source.RolloutState = "COMPLETED";
            source.Running = source.Desired;
            service.Deployments.RemoveAll(d => d != source);
            service.AddEvent($"(service {service.Name}) has reached a steady state.", now);
        }
    }

    private void StopTask(FakeService service, FakeDeployment deployment, DateTimeOffset now)
    {
        var id = NextId();
        _stoppedTasks.Add(new StoppedTaskEntry($"arn:aws:ecs:{Region}:{Account}:task/{service.Cluster}/{id}", service.Name, service.Cluster, deployment.TaskDefinition, deployment.Id, now));
        service.AddEvent($"(service {service.Name}) has started 1 tasks: (task {id}).", now);
    }

    private static JsonObject DescribeService(FakeService service)
    {
        var json = (JsonObject)service.Configuration.DeepClone();
        json["serviceArn"] = service.Arn;
        json["serviceName"] = service.Name;
        json["clusterArn"] = $"arn:aws:ecs:{Region}:{Account}:cluster/{service.Cluster}";
        json["status"] = service.Status;
        json["taskDefinition"] = service.TaskDefinition;
        json["desiredCount"] = service.Configuration["desiredCount"]?.DeepClone() ?? 1;
        json["runningCount"] = service.Deployments.Sum(d => d.Running);
        json["pendingCount"] = 0;
        json["createdAt"] = Epoch(service.CreatedAt);
        json["createdBy"] = $"arn:aws:iam::{Account}:role/deployer";
        json["platformVersion"] = "LATEST";
        json["platformFamily"] = "Linux";
        json["schedulingStrategy"] = "REPLICA";
        json["deploymentController"] = new JsonObject { ["type"] = "ECS" };
        json["serviceRegistries"] = new JsonArray();
        json["placementConstraints"] = new JsonArray();
        json["placementStrategy"] = new JsonArray();
        json["loadBalancers"] ??= new JsonArray();
        json["propagateTags"] ??= "NONE";
        json["enableECSManagedTags"] ??= false;
        json["enableExecuteCommand"] = false;
        json["availabilityZoneRebalancing"] = "ENABLED";
        var configuration = json["deploymentConfiguration"] as JsonObject ?? [];
        configuration["maximumPercent"] ??= 200;
        configuration["minimumHealthyPercent"] ??= 100;
        configuration["strategy"] ??= "ROLLING";
        configuration["deploymentCircuitBreaker"] ??= new JsonObject { ["enable"] = false, ["rollback"] = false };
        configuration["alarms"] ??= new JsonObject { ["alarmNames"] = new JsonArray(), ["rollback"] = false, ["enable"] = false };
        json["deploymentConfiguration"] = configuration;
        if (json["networkConfiguration"]?["awsvpcConfiguration"] is JsonObject vpc && vpc["subnets"] is JsonArray subnets)
        {
            // ECS does not keep the order of subnets either.
            vpc["subnets"] = new JsonArray([.. subnets.Select(s => s!.DeepClone()).Reverse()]);
        }

        json["deployments"] = new JsonArray([.. service.Deployments.Select(d => (JsonNode)new JsonObject
        {
            ["id"] = d.Id,
            ["status"] = d.Status,
            ["taskDefinition"] = d.TaskDefinition,
            ["desiredCount"] = d.Desired,
            ["pendingCount"] = 0,
            ["runningCount"] = d.Running,
            ["failedTasks"] = d.Failed,
            ["createdAt"] = Epoch(d.CreatedAt),
            ["updatedAt"] = Epoch(d.CreatedAt),
            ["launchType"] = "FARGATE",
            ["platformVersion"] = "1.4.0",
            ["rolloutState"] = d.RolloutState,
            ["rolloutStateReason"] = d.RolloutReason ?? "ECS deployment " + d.Id + " in progress.",
        })]);
        json["events"] = new JsonArray([.. service.Events.AsEnumerable().Reverse().Take(100).Select(e => (JsonNode)new JsonObject
        {
            ["id"] = e.Id,
            ["createdAt"] = Epoch(e.CreatedAt),
            ["message"] = e.Message,
        })]);
        if (service.Rollouts.Count > 0)
        {
            json["currentServiceDeployment"] = service.Rollouts[0].Arn;
        }

        return json;
    }

    // ---- service deployments ----
    private JsonObject ListServiceDeployments(JsonObject request)
    {
        var service = ServiceOrThrow(Text(request, "service"));
        var statuses = request["status"]?.AsArray().Select(s => s!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var items = service.Rollouts.Where(r => statuses is null || statuses.Contains(r.Status)).Select(r =>
        {
            var brief = new JsonObject
            {
                ["serviceDeploymentArn"] = r.Arn,
                ["serviceArn"] = service.Arn,
                ["clusterArn"] = $"arn:aws:ecs:{Region}:{Account}:cluster/{service.Cluster}",
                ["createdAt"] = Epoch(r.CreatedAt),
                ["targetServiceRevisionArn"] = RevisionArn(service, r.Target),
                ["status"] = r.Status,
            };
            if (r.StartedAt is { } started)
            {
                brief["startedAt"] = Epoch(started);
            }

            return (JsonNode)brief;
        });
        return new JsonObject { ["serviceDeployments"] = new JsonArray([.. items]) };
    }

    private JsonObject DescribeServiceDeployments(JsonObject request)
    {
        var arns = request["serviceDeploymentArns"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        var found = _services.Values.SelectMany(s => s.Rollouts.Select(r => (Service: s, Rollout: r))).Where(x => arns.Contains(x.Rollout.Arn)).ToList();
        return new JsonObject
        {
            ["serviceDeployments"] = new JsonArray([.. found.Select(x => (JsonNode)FullServiceDeployment(x.Service, x.Rollout))]),
            ["failures"] = new JsonArray([.. arns.Where(a => found.All(f => f.Rollout.Arn != a)).Select(a => (JsonNode)new JsonObject { ["arn"] = a, ["reason"] = "MISSING" })]),
        };
    }

    private static JsonObject FullServiceDeployment(FakeService service, FakeRollout rollout)
    {
        var json = new JsonObject
        {
            ["serviceDeploymentArn"] = rollout.Arn,
            ["serviceArn"] = service.Arn,
            ["clusterArn"] = $"arn:aws:ecs:{Region}:{Account}:cluster/{service.Cluster}",
            ["createdAt"] = Epoch(rollout.CreatedAt),
            ["status"] = rollout.Status,
            ["targetServiceRevision"] = new JsonObject
            {
                ["arn"] = RevisionArn(service, rollout.Target),
                ["requestedTaskCount"] = rollout.Target.Desired,
                ["runningTaskCount"] = rollout.Target.Running,
                ["pendingTaskCount"] = 0,
                ["requestedProductionTrafficWeight"] = rollout.Strategy == "BLUE_GREEN" ? rollout.ProductionTrafficWeight : 100.0,
                ["requestedTestTrafficWeight"] = rollout.Strategy == "BLUE_GREEN" ? 100.0 : 0.0,
            },
            ["sourceServiceRevisions"] = rollout.Source is { } source
                ? new JsonArray(SourceRevision(service, rollout, source))
                : new JsonArray(),
            ["deploymentConfiguration"] = new JsonObject { ["strategy"] = rollout.Strategy },
            ["deploymentCircuitBreaker"] = new JsonObject { ["status"] = rollout.CircuitBreakerFailures > 0 ? "TRIGGERED" : "MONITORING", ["failureCount"] = rollout.CircuitBreakerFailures, ["threshold"] = 3 },
        };
        if (rollout.Stage is not null)
        {
            json["lifecycleStage"] = rollout.Stage;
        }

        if (rollout.StartedAt is { } started)
        {
            json["startedAt"] = Epoch(started);
        }

        if (rollout.FinishedAt is { } finished)
        {
            json["finishedAt"] = Epoch(finished);
        }

        if (rollout.RollbackReason is not null)
        {
            json["rollback"] = new JsonObject { ["reason"] = rollout.RollbackReason, ["startedAt"] = Epoch(rollout.CreatedAt) };
            if (rollout.Source is { } back && rollout.Status is not "ROLLBACK_REQUESTED")
            {
                json["rollback"]!["serviceRevisionArn"] = RevisionArn(service, back);
            }
        }

        return json;
    }

    // Blue has the production traffic green has not; a rolling deployment shifts none.
    private static JsonObject SourceRevision(FakeService service, FakeRollout rollout, FakeDeployment source)
    {
        var json = new JsonObject { ["arn"] = RevisionArn(service, source), ["requestedTaskCount"] = source.Desired, ["runningTaskCount"] = source.Running, ["pendingTaskCount"] = 0 };
        if (rollout.Strategy == "BLUE_GREEN")
        {
            json["requestedProductionTrafficWeight"] = 100.0 - rollout.ProductionTrafficWeight;
            json["requestedTestTrafficWeight"] = 0.0;
        }

        return json;
    }

    private JsonObject DescribeServiceRevisions(JsonObject request)
    {
        var arns = request["serviceRevisionArns"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        var revisions = _services.Values
            .SelectMany(s => s.Rollouts.SelectMany(r => new[] { r.Target, r.Source }).OfType<FakeDeployment>().Select(d => (Arn: RevisionArn(s, d), Service: s, Deployment: d)))
            .DistinctBy(r => r.Arn)
            .Where(r => arns.Contains(r.Arn))
            .ToList();
        return new JsonObject
        {
            ["serviceRevisions"] = new JsonArray([.. revisions.Select(r => (JsonNode)new JsonObject
            {
                ["serviceRevisionArn"] = r.Arn,
                ["serviceArn"] = r.Service.Arn,
                ["clusterArn"] = $"arn:aws:ecs:{Region}:{Account}:cluster/{r.Service.Cluster}",
                ["taskDefinition"] = r.Deployment.TaskDefinition,
                ["createdAt"] = Epoch(r.Deployment.CreatedAt),
            })]),
            ["failures"] = new JsonArray([.. arns.Where(a => revisions.All(r => r.Arn != a)).Select(a => (JsonNode)new JsonObject { ["arn"] = a, ["reason"] = "MISSING" })]),
        };
    }

    // One service revision per deployment, numbered like it.
    private static string RevisionArn(FakeService service, FakeDeployment deployment) =>
        $"arn:aws:ecs:{Region}:{Account}:service-revision/{service.Cluster}/{service.Name}/{deployment.Id["ecs-svc/".Length..]}";

    private JsonObject StopServiceDeployment(JsonObject request)
    {
        var arn = Text(request, "serviceDeploymentArn");
        var rollout = _services.Values.SelectMany(s => s.Rollouts).FirstOrDefault(r => r.Arn == arn)
            ?? throw new FakeAwsException("ServiceDeploymentNotFoundException", "The service deployment does not exist.");
        if (rollout.Status is not ("PENDING" or "IN_PROGRESS"))
        {
            throw new FakeAwsException("ConflictException", $"The service deployment is {rollout.Status} and cannot be stopped.");
        }

        rollout.Status = Text(request, "stopType") == "ROLLBACK" ? "ROLLBACK_REQUESTED" : "STOP_REQUESTED";
        rollout.RollbackReason = "Service deployment rolled back because of a StopServiceDeployment request.";
        return new JsonObject { ["serviceDeploymentArn"] = arn };
    }

    // ---- tasks ----
    private JsonObject ListTasks(JsonObject request)
    {
        var serviceName = request["serviceName"]?.GetValue<string>();
        var stopped = request["desiredStatus"]?.GetValue<string>() == "STOPPED";
        var arns = stopped
            ? _stoppedTasks.Where(t => serviceName is null || t.Service == serviceName).Select(t => t.Arn)
            : RunningServiceTasks().Where(t => serviceName is null || t.Service.Name == serviceName).Select(t => t.Arn)
                .Concat(serviceName is null ? _oneOffTasks.Where(t => !t.Stopped).Select(t => t.Arn) : []);
        return new JsonObject { ["taskArns"] = new JsonArray([.. arns.Select(a => (JsonNode)a)]) };
    }

    private JsonObject DescribeTasks(JsonObject request)
    {
        var arns = request["tasks"]!.AsArray().Select(a => a!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var tasks = _stoppedTasks.Where(t => arns.Contains(t.Arn)).Select(t => (JsonNode)new JsonObject
        {
            ["taskArn"] = t.Arn,
            ["clusterArn"] = $"arn:aws:ecs:{Region}:{Account}:cluster/{t.Cluster}",
            ["taskDefinitionArn"] = t.TaskDefinition,
            ["lastStatus"] = "STOPPED",
            ["desiredStatus"] = "STOPPED",
            ["startedBy"] = t.StartedBy,
            ["group"] = "service:" + t.Service,
            ["stopCode"] = "EssentialContainerExited",
            ["stoppedReason"] = "Essential container in task exited",
            ["createdAt"] = Epoch(t.StoppedAt.AddSeconds(-5)),
            ["stoppedAt"] = Epoch(t.StoppedAt),
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "autopr",
                ["lastStatus"] = "STOPPED",
                ["exitCode"] = 3,
                ["reason"] = "crashed on start (AUTOPR_FAULT_CRASH_ON_START)",
            }),
        });
        var oneOff = _oneOffTasks.Where(t => arns.Contains(t.Arn)).Select(t => (JsonNode)t.Advance());
        var running = RunningServiceTasks().Where(t => arns.Contains(t.Arn)).Select(t => (JsonNode)new JsonObject
        {
            ["taskArn"] = t.Arn,
            ["clusterArn"] = $"arn:aws:ecs:{Region}:{Account}:cluster/{t.Service.Cluster}",
            ["taskDefinitionArn"] = t.Deployment.TaskDefinition,
            ["lastStatus"] = "RUNNING",
            ["desiredStatus"] = "RUNNING",
            ["healthStatus"] = "HEALTHY",
            ["startedBy"] = t.Deployment.Id,
            ["group"] = "service:" + t.Service.Name,
            ["createdAt"] = Epoch(t.Deployment.CreatedAt),
            ["startedAt"] = Epoch(t.Deployment.CreatedAt.AddSeconds(5 + t.Index)),
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "autopr",
                ["lastStatus"] = "RUNNING",
                ["healthStatus"] = "HEALTHY",
                ["networkInterfaces"] = new JsonArray(new JsonObject { ["privateIpv4Address"] = $"10.0.1.{10 + t.Index}" }),
            }),
        });
        return new JsonObject { ["tasks"] = new JsonArray([.. tasks, .. oneOff, .. running]), ["failures"] = new JsonArray() };
    }

    // The tasks each deployment runs (as many as its running count), with ids stable from call to call.
    private IEnumerable<(string Arn, FakeService Service, FakeDeployment Deployment, int Index)> RunningServiceTasks() =>
        _services.Values.Where(s => s.Status == "ACTIVE").SelectMany(s => s.Deployments.SelectMany(d => Enumerable.Range(0, d.Running).Select(i =>
            ($"arn:aws:ecs:{Region}:{Account}:task/{s.Cluster}/{d.Id["ecs-svc/".Length..]}{i.ToString("x24", CultureInfo.InvariantCulture)}", s, d, i))));

    // ---- one-off tasks ----
    private JsonObject RunTask(JsonObject request)
    {
        var definition = Text(request, "taskDefinition");
        var command = request["overrides"]?["containerOverrides"]?[0]?["command"]?.AsArray().Select(c => c!.GetValue<string>()).ToList() ?? [];
        var task = new FakeOneOffTask(
            $"arn:aws:ecs:{Region}:{Account}:task/{Text(request, "cluster")}/{++_ids:x32}", definition, command, OneOffOutcome(command), OneOffRunningPolls, time);
        _oneOffTasks.Add(task);
        return new JsonObject { ["tasks"] = new JsonArray(task.Json("PROVISIONING")), ["failures"] = new JsonArray() };
    }

    private JsonObject StopTask(JsonObject request)
    {
        var task = _oneOffTasks.Single(t => t.Arn == Text(request, "task"));
        task.Stop(Text(request, "reason"));
        return new JsonObject { ["task"] = task.Json("RUNNING") };
    }

    // ---- tags ----
    private JsonObject TagResource(JsonObject request)
    {
        var arn = Text(request, "resourceArn");
        var tags = request["tags"]!.AsArray().Select(t => (Text(t!.AsObject(), "key"), t!["value"]?.GetValue<string>() ?? string.Empty)).ToList();
        SetTags(arn, tags);
        return [];
    }

    private void SetTags(string arn, IEnumerable<(string Key, string Value)> tags)
    {
        var current = _tags.TryGetValue(arn, out var existing) ? existing : new Dictionary<string, string>(StringComparer.Ordinal);
        var next = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            if (!Deployment.History.EcsTagRules.IsValid(key, value))
            {
                throw new FakeAwsException("InvalidParameterException", $"Invalid tag {key}={value}.");
            }

            next[key] = value;
        }

        if (next.Count > 50)
        {
            throw new FakeAwsException("InvalidParameterException", "A resource can have at most 50 tags.");
        }

        _tags[arn] = next;
    }

    private static JsonArray TagList(IReadOnlyDictionary<string, string> tags) =>
        new([.. tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]);

    private FakeService ServiceOrThrow(string name) =>
        _services.TryGetValue(name, out var service) ? service : throw new FakeAwsException("ServiceNotFoundException", "Service not found.");

    private string NextId() => (++_ids).ToString("x8", CultureInfo.InvariantCulture);

    private static string Text(JsonObject json, string name) =>
        json[name]?.GetValue<string>() ?? throw new FakeAwsException("InvalidParameterException", $"{name} is required.");

    private static double Epoch(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private sealed record TaskDefinitionEntry(string Family, int Revision, JsonObject Definition, DateTimeOffset RegisteredAt)
    {
        public string Arn => $"arn:aws:ecs:{Region}:{Account}:task-definition/{Family}:{Revision.ToString(CultureInfo.InvariantCulture)}";

        public string Status { get; set; } = "ACTIVE";
    }

    private sealed record StoppedTaskEntry(string Arn, string Service, string Cluster, string TaskDefinition, string StartedBy, DateTimeOffset StoppedAt);

}

/// <summary>Thrown inside the fake (or by its callbacks): answered as an AWS error response with this code.</summary>
public sealed class FakeAwsException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

public sealed class FakeService(string name, string cluster, string arn, JsonObject configuration, DateTimeOffset createdAt)
{
    private int _events;

    public string Name { get; } = name;

    public string Cluster { get; } = cluster;

    public string Arn { get; } = arn;

    public JsonObject Configuration { get; } = configuration;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string Status { get; set; } = "ACTIVE";

    public string TaskDefinition { get; set; } = string.Empty;

    public List<FakeDeployment> Deployments { get; } = [];

    public List<FakeRollout> Rollouts { get; } = [];

    public List<(string Id, DateTimeOffset CreatedAt, string Message)> Events { get; } = [];

    public FakeDeployment? Primary => Deployments.FirstOrDefault(d => d.Status == "PRIMARY");

    public void AddEvent(string message, DateTimeOffset at) => Events.Add(($"event-{++_events:0000}", at, message));
}

public sealed class FakeDeployment(string id, string taskDefinition, int desired, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public string TaskDefinition { get; } = taskDefinition;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string Status { get; set; } = "PRIMARY";

    public int Desired { get; set; } = desired;

    public int Running { get; set; }

    public int Failed { get; set; }

    public string RolloutState { get; set; } = "IN_PROGRESS";

    public string? RolloutReason { get; set; }
}

public sealed class FakeRollout(string arn, FakeDeployment target, FakeDeployment? source, string strategy, RolloutScript script, DateTimeOffset createdAt)
{
    public string Arn { get; } = arn;

    public FakeDeployment Target { get; } = target;

    public FakeDeployment? Source { get; } = source;

    public string Strategy { get; } = strategy;

    public RolloutScript Script { get; } = script;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string Status { get; set; } = "PENDING";

    public string? Stage { get; set; }

    public int Step { get; set; }

    public double ProductionTrafficWeight { get; set; }

    public int CircuitBreakerFailures { get; set; }

    public string? RollbackReason { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public DateTimeOffset? BakeSince { get; set; }

    public bool IsFinished => Status is "SUCCESSFUL" or "STOPPED" or "ROLLBACK_SUCCESSFUL" or "ROLLBACK_FAILED";
}

/// <summary>A one-off task of <see cref="FakeEcs"/>: PROVISIONING, then RUNNING for a number of polls, then STOPPED with its outcome.</summary>
public sealed class FakeOneOffTask(string arn, string taskDefinition, IReadOnlyList<string> command, (int? ExitCode, string StopCode, string Reason) outcome, int runningPolls, TimeProvider time)
{
    private readonly DateTimeOffset _createdAt = time.GetUtcNow();
    private int _polls;

    public string Arn { get; } = arn;

    public string TaskDefinition { get; } = taskDefinition;

    public IReadOnlyList<string> Command { get; } = command;

    /// <summary>The reason StopTask gave, when it was stopped.</summary>
    public string? StoppedBy { get; private set; }

    public bool Stopped => StoppedBy is not null || (_polls > runningPolls && runningPolls != int.MaxValue);

    public void Stop(string reason) => StoppedBy = reason;

    /// <summary>The task as the next DescribeTasks sees it.</summary>
    public JsonObject Advance()
    {
        _polls++;
        return Json(Stopped ? "STOPPED" : "RUNNING");
    }

    public JsonObject Json(string status)
    {
        var stopped = status == "STOPPED";
        var exitCode = StoppedBy is not null ? 143 : outcome.ExitCode;
        var container = new JsonObject { ["name"] = "autopr", ["lastStatus"] = stopped && exitCode is null ? "STOPPED" : status };
        if (stopped && exitCode is { } code)
        {
            container["exitCode"] = code;
        }

        var task = new JsonObject
        {
            ["taskArn"] = Arn,
            ["taskDefinitionArn"] = TaskDefinition,
            ["lastStatus"] = status,
            ["desiredStatus"] = stopped || StoppedBy is not null ? "STOPPED" : "RUNNING",
            ["startedBy"] = "autopr-deploy",
            ["createdAt"] = _createdAt.ToUnixTimeMilliseconds() / 1000.0,
            ["containers"] = new JsonArray(container),
        };
        if (stopped)
        {
            task["stopCode"] = StoppedBy is not null ? "UserInitiated" : outcome.StopCode;
            task["stoppedReason"] = StoppedBy ?? outcome.Reason;
            task["stoppedAt"] = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        }

        return task;
    }
}
