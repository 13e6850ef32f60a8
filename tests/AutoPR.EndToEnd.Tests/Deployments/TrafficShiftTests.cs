using System.Text.Json.Nodes;
using AutoPR.Deployment;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Environments;
using AutoPR.EndToEnd.Tests.Stack;
using AutoPR.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Deployments;

/// <summary>
/// CANARY and LINEAR through ./build.sh on the local stack, each test on a service of its own (a copy of the local
/// environment with blue and green target groups, listener rules, and its own listener and test listener), so the
/// strategy settings stay away from the service the other tests deploy. Times are LocalEcs's, at the suite's
/// time scale (one minute of bake is 30 s).
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class TrafficShiftTests(LocalStackFixture stack, ITestOutputHelper output)
{
    [Fact]
    public async Task A_good_canary_serves_its_share_of_users_then_completes()
    {
        using var service = Shifting("autopr-canary", testListener: true, json =>
        {
            json["deployment"]!["strategy"] = "CANARY";
            json["deployment"]!["canary"] = new JsonObject { ["percent"] = 10, ["bakeTimeMinutes"] = 1 };
        });
        try
        {
            var old = await service.CreateAsync();
            await using var users = UserLoad.Start(service.Listener, 40, [("/", 1), ("/api/instance", 1)]);
            using var deploy = service.Start("--container-env", "AUTOPR_RELEASE=canary");
            await deploy.WaitForLineAsync("canary 10 % -> autopr-canary-local:", TimeSpan.FromMinutes(3));
            var before = users.ByRevision;
            await Task.Delay(TimeSpan.FromSeconds(15));
            var during = Since(before, users.ByRevision);
            var run = await deploy.WaitAsync(LocalStackFixture.Timeout);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("smoke checks passed", run.Output, StringComparison.Ordinal);
            var canary = during.Where(r => r.Key != old).Sum(r => r.Value);
            var total = during.Values.Sum();
            output.WriteLine($"during the canary step: {string.Join(", ", during.Select(r => $"{r.Key}: {r.Value}"))}");
            Assert.True(total >= 300, $"only {total} user answers during the canary step");
            Assert.InRange(canary / (double)total, 0.04, 0.2);
            Assert.Equal(0, users.Count("/", s => s is 0 or >= 500) + users.Count("/api/instance", s => s is 0 or >= 500));
        }
        finally
        {
            await service.DeleteAsync();
        }
    }

    [Fact]
    public async Task A_bad_canary_is_rolled_back_at_the_canary_step()
    {
        // No test listener: the canary's first answers go to users, and the judge has only them and the probes.
        using var service = Shifting("autopr-canary-bad", testListener: false, json =>
        {
            json["deployment"]!["strategy"] = "CANARY";
            json["deployment"]!["canary"] = new JsonObject { ["percent"] = 10, ["bakeTimeMinutes"] = 2 };
        });
        try
        {
            var old = await service.CreateAsync();
            BuildRun run;
            await using (var users = UserLoad.Start(service.Listener, 40, [("/", 1), ("/api/instance", 1)]))
            {
                run = await service.RunAsync("--container-env", "AUTOPR_FAULT_ERROR_RATE=0.5");
                output.WriteLine("users: " + users.Describe());
            }

            Assert.True(run.ExitCode == 1, run.ToString());
            var failure = run.FailureOf("DeployEcs");
            Assert.Matches(@"autopr-canary-bad-local:\d+ failed at canary 10 % -> autopr-canary-bad-local:\d+: error rate of ", failure);
            Assert.EndsWith($"rolled back to {old}", failure.TrimEnd(), StringComparison.Ordinal);
            var after = await stack.Status.ServiceAsync(stack.Environment.Cluster, service.Name);
            Assert.Equal(old, Label(after!.TaskDefinition));
        }
        finally
        {
            await service.DeleteAsync();
        }
    }

    [Fact]
    public async Task A_release_failing_the_smoke_checks_never_receives_production_traffic()
    {
        // The broken path is one only the smoke checks ask for, so the probes (which would also catch a broken probed
        // route on the test listener) leave the verdict to the smoke checks.
        using var service = Shifting("autopr-smoke", testListener: true, json =>
        {
            json["deployment"]!["strategy"] = "CANARY";
            json["verification"]!["smokeChecks"] = new JsonObject
            {
                ["requests"] = new JsonArray(new JsonObject { ["path"] = "/smoke", ["expectedStatus"] = 404 }),
            };
        });
        try
        {
            var old = await service.CreateAsync();
            BuildRun run;
            IReadOnlyDictionary<string, int> answered;
            await using (var users = UserLoad.Start(service.Listener, 40, [("/", 1), ("/api/instance", 1)]))
            {
                run = await service.RunAsync("--container-env", "AUTOPR_FAULT_ERROR_RATE=1", "AUTOPR_FAULT_ROUTES=/smoke");
                answered = users.ByRevision;
                output.WriteLine("users: " + users.Describe());
            }

            Assert.True(run.ExitCode == 1, run.ToString());
            Assert.Contains("failed the smoke checks at POST_TEST_TRAFFIC_SHIFT, before any production traffic: GET /smoke on the test listener", run.FailureOf("DeployEcs"), StringComparison.Ordinal);
            Assert.EndsWith(": HTTP 500, expected 404; rolled back to " + old, run.FailureOf("DeployEcs").TrimEnd(), StringComparison.Ordinal);
            Assert.Equal([old], answered.Keys.Where(k => k.Length > 0));
        }
        finally
        {
            await service.DeleteAsync();
        }
    }

    [Fact]
    public async Task A_manual_gate_is_continued_from_a_second_process_and_another_is_rolled_back_from_it()
    {
        using var service = Shifting("autopr-gated", testListener: true, json =>
        {
            json["deployment"]!["strategy"] = "LINEAR";
            json["deployment"]!["linear"] = new JsonObject { ["stepPercent"] = 50, ["stepBakeTimeMinutes"] = 0 };
            json["deployment"]!["lifecycleHooks"] = new JsonArray(new JsonObject { ["type"] = "PAUSE", ["stages"] = new JsonArray("POST_TEST_TRAFFIC_SHIFT") });
        });
        try
        {
            await service.CreateAsync();
            var nothing = await service.RunTargetAsync("Continue");
            Assert.True(nothing.ExitCode == 2, nothing.ToString());
            Assert.Contains("nothing waits for approval in local", nothing.Error, StringComparison.Ordinal);

            // Continued: the waiting DeployEcs carries on to the end.
            using (var deploy = service.Start("--container-env", "AUTOPR_RELEASE=2"))
            {
                await deploy.WaitForLineAsync("waiting for approval at POST_TEST_TRAFFIC_SHIFT (expires in ", TimeSpan.FromMinutes(3));
                var continued = await service.RunTargetAsync("Continue");
                var run = await deploy.WaitAsync(LocalStackFixture.Timeout);

                Assert.True(continued.ExitCode == 0, continued.ToString());
                Assert.True(run.ExitCode == 0, run.ToString());
                Assert.Contains("linear 50 % -> autopr-gated-local:", run.Output, StringComparison.Ordinal);
            }

            var second = Label((await stack.Status.ServiceAsync(stack.Environment.Cluster, service.Name))!.TaskDefinition);

            // Rolled back from the gate: the waiting DeployEcs fails, and the service stays on the second release.
            using (var deploy = service.Start("--container-env", "AUTOPR_RELEASE=3"))
            {
                await deploy.WaitForLineAsync("waiting for approval at POST_TEST_TRAFFIC_SHIFT", TimeSpan.FromMinutes(3));
                var rejected = await service.RunTargetAsync("Continue", "--action", "rollback");
                var run = await deploy.WaitAsync(LocalStackFixture.Timeout);

                Assert.True(rejected.ExitCode == 0, rejected.ToString());
                Assert.True(run.ExitCode == 1, run.ToString());
                Assert.Contains("ContinueServiceDeployment", run.FailureOf("DeployEcs"), StringComparison.Ordinal);
            }

            var after = await stack.Status.WaitUntilSettledAsync(stack.Environment.Cluster, service.Name, TimeSpan.FromMinutes(1));
            Assert.Equal(second, Label(after.TaskDefinition));

            // --no-wait leaves the gate open and exits 0; Continue, with no DeployEcs watching, follows it to its end.
            var left = await service.RunAsync("--no-wait", "--container-env", "AUTOPR_RELEASE=4");
            Assert.True(left.ExitCode == 0, left.ToString());
            Assert.Contains("waiting for approval at POST_TEST_TRAFFIC_SHIFT", left.Output, StringComparison.Ordinal);
            var followed = await service.RunTargetAsync("Continue");
            Assert.True(followed.ExitCode == 0, followed.ToString());
            var last = await stack.Status.WaitUntilSettledAsync(stack.Environment.Cluster, service.Name, TimeSpan.FromMinutes(1));
            Assert.NotEqual(second, Label(last.TaskDefinition));
        }
        finally
        {
            await service.DeleteAsync();
        }
    }

    private static Dictionary<string, int> Since(IReadOnlyDictionary<string, int> before, IReadOnlyDictionary<string, int> now) =>
        now.ToDictionary(r => r.Key, r => r.Value - before.GetValueOrDefault(r.Key), StringComparer.Ordinal);

    private static string Label(string taskDefinitionArn) => taskDefinitionArn[(taskDefinitionArn.LastIndexOf('/') + 1)..];

    private ShiftingService Shifting(string name, bool testListener, Action<JsonObject> strategy) => new(stack, output, name, testListener, strategy);

    /// <summary>A traffic-shifting service of the test's own, on the fixture's stack, deleted at the end.</summary>
    private sealed class ShiftingService : IDisposable
    {
        private readonly LocalStackFixture _stack;
        private readonly ITestOutputHelper _output;
        private readonly BuildInputsCopy _copy;

        public ShiftingService(LocalStackFixture stack, ITestOutputHelper output, string name, bool testListener, Action<JsonObject> strategy)
        {
            _stack = stack;
            _output = output;
            Name = name;
            var port = FreePorts.FirstFree(18180);
            Listener = new Uri($"http://127.0.0.1:{port}/");
            var test = new Uri($"http://127.0.0.1:{FreePorts.FirstFree(port + 1)}/");
            _copy = stack.CopyInputs(name);
            _copy.EditEnvironment("local", json =>
            {
                const string Elb = "arn:aws:elasticloadbalancing:us-east-1:000000000000:";
                json["service"] = name;
                json["deployment"]!["bakeTimeMinutes"] = 0;
                var loadBalancer = json["loadBalancer"]!;
                loadBalancer["targetGroupArn"] = $"{Elb}targetgroup/{name}-blue/0123456789abcdef";
                loadBalancer["alternateTargetGroupArn"] = $"{Elb}targetgroup/{name}-green/0123456789abcdef";
                loadBalancer["productionListenerRuleArn"] = $"{Elb}listener-rule/app/{name}/0123456789abcdef/0123456789abcdef/0000000000000001";
                loadBalancer["roleArn"] = "arn:aws:iam::000000000000:role/autopr-local-ecs-infrastructure";
                loadBalancer["listenerUrl"] = Listener.ToString();
                json["healthUrl"] = new Uri(Listener, "/health").ToString();
                if (testListener)
                {
                    loadBalancer["testListenerRuleArn"] = $"{Elb}listener-rule/app/{name}/0123456789abcdef/0123456789abcdef/0000000000000002";
                    loadBalancer["testListenerUrl"] = test.ToString();
                    json["verification"]!["smokeChecks"] = new JsonObject
                    {
                        ["requests"] = new JsonArray(new JsonObject { ["path"] = "/api/instance", ["bodyContains"] = "\"taskDefinition\"" }),
                    };
                }

                strategy(json);
            });
        }

        public string Name { get; }

        public Uri Listener { get; }

        private string[] OnCopy => ["--environment", "local", "--root", _copy.Root, "--skip", "DockerBuild", "LocalUp"];

        /// <summary>Creates the service on the current build (no traffic shifts: nothing runs yet); returns its revision label.</summary>
        public async Task<string> CreateAsync()
        {
            var created = await RunAsync();
            Assert.True(created.ExitCode == 0, created.ToString());
            var service = await _stack.Status.WaitUntilSettledAsync(_stack.Environment.Cluster, Name, TimeSpan.FromMinutes(1));
            Assert.True(service.Listener == Listener, $"LocalEcs gave {Name} the listener {service.Listener}, the environment file names {Listener}");
            return Label(service.TaskDefinition);
        }

        public Task<BuildRun> RunAsync(params string[] arguments) =>
            _stack.RunAsync(_output, ["DeployEcs", .. OnCopy, "--bake-window", LocalStackFixture.ShortBake, .. arguments]);

        public BuildProcess Start(params string[] arguments) =>
            _stack.Start(_output, new Dictionary<string, string?>(), ["DeployEcs", .. OnCopy, "--bake-window", LocalStackFixture.ShortBake, .. arguments]);

        public Task<BuildRun> RunTargetAsync(string target, params string[] arguments) =>
            _stack.RunAsync(_output, [target, "--environment", "local", "--root", _copy.Root, .. arguments]);

        /// <summary>The service is the test's own: it goes (ECS keeps it INACTIVE).</summary>
        public async Task DeleteAsync()
        {
            var environment = EnvironmentLoader.Load(Path.GetDirectoryName(_copy.EnvironmentFile("local"))!, "local");
            using var aws = await AwsClients.CreateAsync(environment);
            try
            {
                await aws.Core.SendAsync(new AwsOperation(AwsService.Ecs, "DeleteService", AwsAccess.Write),
                    new JsonObject { ["cluster"] = environment.Cluster, ["service"] = environment.Service, ["force"] = true }, CancellationToken.None);
            }
            catch (AwsServiceException ex) when (ex.ErrorCode == "ServiceNotFoundException")
            {
                // Never created: nothing to delete.
            }
        }

        public void Dispose() => _copy.Dispose();
    }
}
