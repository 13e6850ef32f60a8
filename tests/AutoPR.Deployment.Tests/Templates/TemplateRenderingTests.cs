using System.Text.Json.Nodes;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Templates;
using AutoPR.Deployment.Tests.Fixtures;
using AutoPR.Deployment.Tests.Rollout.Fakes;
using AutoPR.Images;

namespace AutoPR.Deployment.Tests.Templates;

public sealed class TemplateRenderingTests
{
    private static readonly DeploymentTemplates RepositoryTemplates = DeploymentTemplates.Load(DeploymentTemplates.DefaultDirectory(RepositoryPaths.Root));

    private static DeploymentEnvironment Load(string name) => RepositoryEnvironments.Load(name);

    [Fact]
    public void Production_renders_a_pinned_image_sizes_variables_secrets_roles_logs_and_health_check()
    {
        var rendered = RepositoryTemplates.Render(Load("production"), DeploymentTestBed.Release(DeploymentTestBed.DigestA));
        var task = rendered.TaskDefinition;
        var container = task["containerDefinitions"]![0]!;

        Assert.Equal("autopr-production", task["family"]!.GetValue<string>());
        Assert.Equal("1024", task["cpu"]!.GetValue<string>());
        Assert.Equal("2048", task["memory"]!.GetValue<string>());
        Assert.Equal("arn:aws:iam::123456789012:role/autopr-production-task", task["taskRoleArn"]!.GetValue<string>());
        Assert.Equal("arn:aws:iam::123456789012:role/autopr-production-task-execution", task["executionRoleArn"]!.GetValue<string>());
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com/autopr@" + DeploymentTestBed.DigestA, container["image"]!.GetValue<string>());
        Assert.Equal("autopr", container["name"]!.GetValue<string>());
        Assert.Equal(8000, container["portMappings"]![0]!["containerPort"]!.GetValue<int>());
        Assert.Equal(["CMD", "/app/AutoPR.Service", "healthcheck"], container["healthCheck"]!["command"]!.AsArray().Select(c => c!.GetValue<string>()));

        var variables = container["environment"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["value"]!.GetValue<string>());
        Assert.Equal("Warning", variables["LOG_LEVEL"]);
        Assert.Equal("production", variables["ENVIRONMENT"]);
        Assert.Equal(DeploymentTestBed.GitSha, variables["AUTOPR_REVISION"]);
        Assert.Equal("1.2.3", variables["AUTOPR_VERSION"]);
        Assert.Equal("main-0123456", variables["AUTOPR_IMAGE_TAG"]);
        Assert.Equal("true", variables["ASPNETCORE_FORWARDEDHEADERS_ENABLED"]);
        var names = container["environment"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);

        var secrets = container["secrets"]!.AsArray();
        Assert.Equal(["DATABASE_URL", "GITHUB_TOKEN"], secrets.Select(s => s!["name"]!.GetValue<string>()));
        Assert.All(secrets, s => Assert.StartsWith("arn:aws:ssm:eu-west-1:123456789012:parameter/autopr/production/", s!["valueFrom"]!.GetValue<string>(), StringComparison.Ordinal));

        var log = container["logConfiguration"]!;
        Assert.Equal("awslogs", log["logDriver"]!.GetValue<string>());
        Assert.Equal("/ecs/autopr-production", log["options"]!["awslogs-group"]!.GetValue<string>());
        Assert.Equal("eu-west-1", log["options"]!["awslogs-region"]!.GetValue<string>());
    }

    [Fact]
    public void Production_service_definition_carries_blue_green_bake_time_breaker_load_balancers_and_network()
    {
        var service = RepositoryTemplates.Render(Load("production"), DeploymentTestBed.Release(DeploymentTestBed.DigestA)).ServiceDefinition;
        var deployment = service["deploymentConfiguration"]!;

        Assert.Equal("autopr-production", service["cluster"]!.GetValue<string>());
        Assert.Equal("autopr", service["serviceName"]!.GetValue<string>());
        Assert.Equal(3, service["desiredCount"]!.GetValue<int>());
        Assert.Equal("BLUE_GREEN", deployment["strategy"]!.GetValue<string>());
        Assert.Equal(15, deployment["bakeTimeInMinutes"]!.GetValue<int>());
        Assert.Equal(100, deployment["minimumHealthyPercent"]!.GetValue<int>());
        Assert.Equal(200, deployment["maximumPercent"]!.GetValue<int>());
        Assert.True(deployment["deploymentCircuitBreaker"]!["enable"]!.GetValue<bool>());
        Assert.True(deployment["deploymentCircuitBreaker"]!["rollback"]!.GetValue<bool>());
        Assert.Equal(60, service["healthCheckGracePeriodSeconds"]!.GetValue<int>());

        var loadBalancer = Assert.Single(service["loadBalancers"]!.AsArray())!;
        Assert.EndsWith("targetgroup/autopr-production-blue/0a1b2c3d4e5f6072", loadBalancer["targetGroupArn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("targetgroup/autopr-production-green/0a1b2c3d4e5f6073", loadBalancer["advancedConfiguration"]!["alternateTargetGroupArn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(loadBalancer["advancedConfiguration"]!["productionListenerRule"]);
        Assert.NotNull(loadBalancer["advancedConfiguration"]!["roleArn"]);
        var vpc = service["networkConfiguration"]!["awsvpcConfiguration"]!;
        Assert.Equal(2, vpc["subnets"]!.AsArray().Count);
        Assert.Equal("DISABLED", vpc["assignPublicIp"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("dev", new[] { "autopr-dev-5xx-rate", "autopr-dev-p99-latency" })]
    [InlineData("staging", new[] { "autopr-staging-5xx-rate", "autopr-staging-p99-latency" })]
    [InlineData("production", new[] { "autopr-production-5xx-rate", "autopr-production-p99-latency" })]
    [InlineData("local", new[] { "autopr-local-target-5xx" })]
    public void Deployment_alarms_render_into_the_deployment_configuration_from_terraform_or_the_local_file(string environment, string[] names)
    {
        var service = RepositoryTemplates.Render(Load(environment), DeploymentTestBed.Release(DeploymentTestBed.DigestA)).ServiceDefinition;
        var alarms = service["deploymentConfiguration"]!["alarms"]!;

        Assert.Equal(names, alarms["alarmNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(alarms["enable"]!.GetValue<bool>());
        Assert.True(alarms["rollback"]!.GetValue<bool>());
    }

    [Fact]
    public void An_environment_without_alarms_renders_none()
    {
        var service = RepositoryTemplates.Render(Load("local-canary"), DeploymentTestBed.Release(DeploymentTestBed.DigestA)).ServiceDefinition;

        Assert.False(service["deploymentConfiguration"]!.AsObject().ContainsKey("alarms"));
    }

    [Fact]
    public void Local_leaves_out_what_the_environment_does_not_set()
    {
        var rendered = RepositoryTemplates.Render(Load("local-canary"), DeploymentTestBed.Release(DeploymentTestBed.DigestA));
        var container = rendered.TaskDefinition["containerDefinitions"]![0]!.AsObject();

        Assert.False(container.ContainsKey("logConfiguration"));
        Assert.False(rendered.TaskDefinition.ContainsKey("taskRoleArn"));
        Assert.False(rendered.TaskDefinition.ContainsKey("executionRoleArn"));
        Assert.Empty(container["secrets"]!.AsArray());
        Assert.False(rendered.ServiceDefinition.ContainsKey("networkConfiguration"));
        Assert.Equal("autopr-local-canary", rendered.Family);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("production")]
    [InlineData("local-blue-green")]
    [InlineData("local-canary")]
    [InlineData("local-linear")]
    public void Rendered_requests_match_the_official_ECS_model(string environment)
    {
        var rendered = RepositoryTemplates.Render(Load(environment), DeploymentTestBed.Release(DeploymentTestBed.DigestA));
        const string Arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/autopr-x:1";

        Assert.Empty(ServiceModel.Ecs.ValidateInput("RegisterTaskDefinition", rendered.RegisterTaskDefinitionRequest()));
        Assert.Empty(ServiceModel.Ecs.ValidateInput("CreateService", rendered.CreateServiceRequest(Arn)));
        Assert.Empty(ServiceModel.Ecs.ValidateInput("UpdateService", rendered.UpdateServiceRequest(Arn)));
        Assert.Equal(Arn, rendered.UpdateServiceRequest(Arn)["taskDefinition"]!.GetValue<string>());
        Assert.Equal("autopr", rendered.UpdateServiceRequest(Arn)["service"]!.GetValue<string>());
    }

    [Fact]
    public void A_missing_value_names_the_template_the_path_and_the_value()
    {
        var templates = Parse("""{ "family": "{{ family }}", "containerDefinitions": [ { "name": "x", "logConfiguration": { "options": { "awslogs-group": "{{ logGroup }}" } } } ] }""");

        var error = Assert.Throws<TemplateRenderException>(() => templates.Render(Load("local-canary"), DeploymentTestBed.Release(DeploymentTestBed.DigestA)));

        Assert.Equal(
            "task.json: $.containerDefinitions[0].logConfiguration.options['awslogs-group']: no value for 'logGroup' in this environment; " +
            "fix: set it in the environment file, or write {{ logGroup? }} to leave the member out when it is not set",
            error.Message);
        Assert.Equal("task.json", error.Template);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_unknown_placeholder_lists_the_known_names()
    {
        var templates = Parse("""{ "family": "{{ famly }}", "containerDefinitions": [ { "name": "x" } ] }""");

        var error = Assert.Throws<TemplateRenderException>(() => templates.Render(Load("local"), DeploymentTestBed.Release(DeploymentTestBed.DigestA)));

        Assert.StartsWith("task.json: $.family: unknown placeholder 'famly'; fix: use one of: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("family", error.Message, StringComparison.Ordinal);
        Assert.Contains("containerEnvironment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_placeholders_and_structured_values_inside_text_are_errors()
    {
        var values = new Dictionary<string, JsonNode?> { ["a"] = 1, ["list"] = new JsonArray(1, 2) };

        var malformed = Assert.Throws<TemplateRenderException>(() => TemplateRenderer.Render("t.json", Obj("""{ "x": "{{ a b }}" }"""), values));
        var embedded = Assert.Throws<TemplateRenderException>(() => TemplateRenderer.Render("t.json", Obj("""{ "x": "items: {{ list }}" }"""), values));

        Assert.Equal("t.json: $.x: malformed placeholder {{ a b }}; fix: write placeholders as {{ name }} or {{ name? }} (letters, digits, '_' and '.')", malformed.Message);
        Assert.StartsWith("t.json: $.x: 'list' is an array and cannot be embedded in a string", embedded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_placeholder_takes_the_value_type_embedded_ones_become_text_optional_ones_drop_out()
    {
        var values = new Dictionary<string, JsonNode?>
        {
            ["port"] = 8000,
            ["flag"] = true,
            ["list"] = new JsonArray("a", "b"),
            ["name"] = "autopr",
            ["none"] = null,
        };
        var template = Obj("""
            {
              "port": "{{ port }}", "flag": "{{flag}}", "list": "{{ list }}", "url": "http://{{ name }}:{{ port }}/",
              "gone": "{{ none? }}", "items": ["{{ name }}", "{{ none? }}", 3], "text": "a {{ none? }}b"
            }
            """);

        var rendered = TemplateRenderer.Render("t.json", template, values);

        Assert.Equal(8000, rendered["port"]!.GetValue<int>());
        Assert.True(rendered["flag"]!.GetValue<bool>());
        Assert.Equal(["a", "b"], rendered["list"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal("http://autopr:8000/", rendered["url"]!.GetValue<string>());
        Assert.False(rendered.ContainsKey("gone"));
        Assert.Equal("""["autopr",3]""", rendered["items"]!.ToJsonString());
        Assert.Equal("a b", rendered["text"]!.GetValue<string>());
        Assert.Equal(["port", "flag", "list", "name", "none"], TemplateRenderer.Placeholders(template));
    }

    [Fact]
    public void Fields_the_renderer_does_not_know_survive_untouched()
    {
        var templates = Parse("""
            {
              "family": "{{ family }}",
              "ephemeralStorage": { "sizeInGiB": 30 },
              "containerDefinitions": [ { "name": "x", "image": "{{ image }}", "ulimits": [ { "name": "nofile", "softLimit": 65536, "hardLimit": 65536 } ], "x-note": "kept {{" } ]
            }
            """.Replace("\"kept {{\"", "\"kept\"", StringComparison.Ordinal));

        var rendered = templates.Render(Load("local"), DeploymentTestBed.Release(DeploymentTestBed.DigestA));

        Assert.Equal(30, rendered.TaskDefinition["ephemeralStorage"]!["sizeInGiB"]!.GetValue<int>());
        Assert.Equal("""[{"name":"nofile","softLimit":65536,"hardLimit":65536}]""", rendered.TaskDefinition["containerDefinitions"]![0]!["ulimits"]!.ToJsonString());
        Assert.Equal("kept", rendered.TaskDefinition["containerDefinitions"]![0]!["x-note"]!.GetValue<string>());
    }

    [Fact]
    public void Variables_the_deployment_sets_cannot_come_from_the_environment_file()
    {
        var environment = Load("local") with { EnvironmentVariables = new Dictionary<string, string> { ["AUTOPR_REVISION"] = "x" } };

        var error = Assert.Throws<EnvironmentConfigurationException>(() => RepositoryTemplates.Render(environment, DeploymentTestBed.Release(DeploymentTestBed.DigestA)));

        Assert.Contains("$.environmentVariables.AUTOPR_REVISION: set by the deployment itself; fix: remove it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_template_must_not_name_the_task_definition_and_must_name_the_service()
    {
        var withArn = DeploymentTemplates.Parse("task.json", """{ "family": "f", "containerDefinitions": [ { "name": "x" } ] }""",
            "service.json", """{ "cluster": "c", "serviceName": "s", "taskDefinition": "f:1" }""");
        var withoutName = DeploymentTemplates.Parse("task.json", """{ "family": "f", "containerDefinitions": [ { "name": "x" } ] }""",
            "service.json", """{ "cluster": "c" }""");

        var arnError = Assert.Throws<TemplateRenderException>(() => withArn.Render(Load("local"), DeploymentTestBed.Release(DeploymentTestBed.DigestA)));
        var nameError = Assert.Throws<TemplateRenderException>(() => withoutName.Render(Load("local"), DeploymentTestBed.Release(DeploymentTestBed.DigestA)));

        Assert.Equal("service.json: $.taskDefinition: set by the deployment (the registered revision's ARN); fix: remove it from the template", arnError.Message);
        Assert.StartsWith("service.json: $.serviceName: missing or not a string; fix: set \"serviceName\"", nameError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_or_invalid_template_files_are_one_line()
    {
        var directory = Directory.CreateTempSubdirectory("autopr-templates-").FullName;
        try
        {
            var missing = Assert.Throws<TemplateRenderException>(() => DeploymentTemplates.Load(directory));
            File.WriteAllText(Path.Combine(directory, DeploymentTemplates.TaskDefinitionFileName), "{ \"family\": ");
            File.WriteAllText(Path.Combine(directory, DeploymentTemplates.ServiceDefinitionFileName), "{}");
            var invalid = Assert.Throws<TemplateRenderException>(() => DeploymentTemplates.Load(directory));

            Assert.Contains("task-definition.json: file not found; fix: restore it", missing.Message, StringComparison.Ordinal);
            Assert.Contains("task-definition.json: line 1, column 13: invalid JSON; fix: correct the syntax there", invalid.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public void Image_references_accept_only_sha256_digests()
    {
        var reference = ImageReference.Parse("127.0.0.1:5000/team/autopr@" + DeploymentTestBed.DigestB);

        Assert.Equal("127.0.0.1:5000", reference.Registry);
        Assert.Equal("team/autopr", reference.Repository);
        Assert.Equal(DeploymentTestBed.DigestB, ImageReference.DigestOf(reference.Pinned));
        Assert.Null(ImageReference.DigestOf("127.0.0.1:5000/autopr:latest"));
        var error = Assert.Throws<ArgumentException>(() => new ImageReference("r", "autopr", "latest"));
        Assert.StartsWith("'latest' is not an image digest; fix: pass sha256:", error.Message, StringComparison.Ordinal);
    }

    private static DeploymentTemplates Parse(string taskTemplate) =>
        DeploymentTemplates.Parse("task.json", taskTemplate, "service.json", """{ "cluster": "{{ cluster }}", "serviceName": "{{ service }}" }""");

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();
}
