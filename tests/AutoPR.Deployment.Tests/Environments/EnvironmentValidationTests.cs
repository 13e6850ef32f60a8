using System.Text.Json.Nodes;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Environments;

/// <summary>A broken environment file is one line naming the file, the JSON path and the fix.</summary>
public sealed class EnvironmentValidationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("autopr-env-").FullName;

    public EnvironmentValidationTests()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Environments, "*.json"))
        {
            File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
        }
    }

    [Fact]
    public void An_unknown_environment_lists_the_known_ones()
    {
        var error = Assert.Throws<EnvironmentConfigurationException>(() => RepositoryEnvironments.Load(_directory, "qa"));
        Assert.Contains("Unknown environment 'qa': known environments in ", error.Message, StringComparison.Ordinal);
        Assert.Contains("are dev, local, local-blue-green, local-canary, local-linear, production, staging; fix: pass one of them, or add qa.json there.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_outside_an_enum_names_the_allowed_values()
    {
        var error = Broken("dev", json => json["deployment"]!["strategy"] = "CANARY_ISH");
        Assert.Contains("dev.json: $.deployment.strategy: \"CANARY_ISH\" is not allowed; fix: use one of \"ROLLING\", \"BLUE_GREEN\", \"CANARY\", \"LINEAR\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_property_says_what_to_add()
    {
        var error = Broken("staging", json => json.AsObject().Remove("cluster"));
        Assert.Contains("staging.json: $: missing \"cluster\"; fix: add \"cluster\" to $", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelled_property_is_named_with_the_allowed_ones()
    {
        var error = Broken("dev", json => json["verification"]!["maxErrorRat"] = 0.1);
        Assert.Contains("dev.json: $.verification.maxErrorRat: unknown property \"maxErrorRat\"; fix: remove it or correct its spelling; allowed in $.verification: maxErrorRate, maxP99LatencyMs, bakeWindowSeconds, consecutiveHealthyChecks", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_type_says_which_type_is_expected()
    {
        var error = Broken("dev", json => json["desiredCount"] = "2");
        Assert.Contains("dev.json: $.desiredCount: \"2\" has the wrong type; fix: make it an integer (Number of tasks the service runs)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_that_is_not_an_ssm_arn_is_rejected_with_the_expected_form()
    {
        var error = Broken("local", json => json["secrets"]!["DATABASE_URL"] = "postgres://user:password@db/autopr");
        Assert.Contains("local.json: $.secrets.DATABASE_URL: the value does not match ^arn:aws(-cn|-us-gov)?:ssm:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("password", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_of_range_number_names_the_bounds()
    {
        var error = Broken("dev", json => json["deployment"]!["maximumPercent"] = 250);
        Assert.Contains("dev.json: $.deployment.maximumPercent: 250 is out of range; fix: use a value >= 100 and <= 200", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_names_the_line_and_column()
    {
        File.WriteAllText(Path.Combine(_directory, "dev.json"), "{\n  \"name\": \"dev\",\n  \"cluster\" \"autopr-dev\"\n}\n");
        var error = Assert.Throws<EnvironmentConfigurationException>(() => RepositoryEnvironments.Load(_directory, "dev")).Message;
        Assert.Contains("dev.json: line 3, column ", error, StringComparison.Ordinal);
        Assert.Contains("invalid JSON; fix: correct the syntax there", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void The_name_must_match_the_file()
    {
        var error = Broken("staging", json => json["name"] = "stage");
        Assert.Contains("staging.json: $.name: \"stage\" differs from the file name; fix: set it to \"staging\" or rename the file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_credentials_refuse_an_endpoint_off_loopback()
    {
        var error = Broken("local", json => json["aws"]!["endpoints"]!["ecs"] = "https://ecs.us-east-1.amazonaws.com");
        Assert.Contains("local.json: $.aws.endpoints.ecs: https://ecs.us-east-1.amazonaws.com/ is not a loopback address", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Blue_green_on_aws_needs_the_second_target_group()
    {
        var error = Broken("production", json => json["loadBalancer"]!.AsObject().Remove("alternateTargetGroupArn"));
        Assert.Contains("production.json: $.loadBalancer.alternateTargetGroupArn: missing, and BLUE_GREEN needs it to shift traffic", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_problems_report_the_first_and_count_the_rest()
    {
        var error = Broken("dev", json =>
        {
            json["cpu"] = 300;
            json["logLevel"] = "Loud";
        });
        Assert.Contains("(and 1 more problem)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Members_left_out_take_the_schema_defaults()
    {
        var path = Path.Combine(_directory, "dev.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var ecr = json["ecr"]!.AsObject();
        ecr.Remove("imageTagMutability");
        ecr.Remove("scanOnPush");
        ecr.Remove("encryptionType");
        json.AsObject().Remove("tags");
        json["aws"]!.AsObject().Remove("credentials");
        json["deployment"]!.AsObject().Remove("bakeTimeMinutes");
        json["network"]!.AsObject().Remove("assignPublicIp");
        File.WriteAllText(path, json.ToJsonString());

        var dev = RepositoryEnvironments.Load(_directory, "dev");

        Assert.Equal("IMMUTABLE", dev.Ecr.ImageTagMutability);
        Assert.True(dev.Ecr.ScanOnPush);
        Assert.Equal("AES256", dev.Ecr.EncryptionType);
        Assert.Empty(dev.Tags);
        Assert.Empty(dev.Aws.Endpoints);
        Assert.Equal(AutoPR.Deployment.Aws.Credentials.AwsCredentialMode.Default, dev.Aws.Credentials);
        Assert.Equal(0, dev.Deployment.BakeTimeMinutes);
        Assert.Equal("DISABLED", dev.Network!.AssignPublicIp);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("https://elsewhere.example/")]
    [InlineData("//elsewhere.example/")]
    [InlineData("api/instance")]
    public void A_probe_route_must_be_a_path_on_the_environments_own_url(string path)
    {
        var error = Broken("dev", json => json["verification"]!["probes"]!["routes"]![0]!["path"] = path);
        Assert.Contains($"dev.json: $.verification.probes.routes[0].path: \"{path}\" does not match ^/", error, StringComparison.Ordinal);
        Assert.Contains("no host, so probes never leave the environment", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_settings_a_file_leaves_out_take_the_schemas_defaults()
    {
        File.WriteAllText(Path.Combine(_directory, "dev.json"), JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "dev.json")))!
            .AsObject().Also(json => json["verification"]!.AsObject().Remove("probes")).ToJsonString());

        var probes = RepositoryEnvironments.Load(_directory, "dev").Verification.Probes;

        Assert.Equal(20, probes.RequestsPerSecond);
        Assert.Equal(10, probes.MinimumSamples);
        Assert.Equal(0.99, probes.Confidence);
        Assert.Equal("/", Assert.Single(probes.Routes).Path);
        Assert.Equal(200, probes.Routes[0].ExpectedStatus);
    }

    [Fact]
    public void A_linear_step_outside_what_ECS_accepts_names_the_bounds()
    {
        var error = Broken("staging", json =>
        {
            json["deployment"]!["strategy"] = "LINEAR";
            json["deployment"]!["linear"] = new JsonObject { ["stepPercent"] = 2.5 };
        });
        Assert.Contains("staging.json: $.deployment.linear.stepPercent: 2.5 is out of range; fix: use a value >= 3 and <= 100", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_canary_percent_finer_than_a_tenth_is_refused_with_the_rounded_value()
    {
        var error = Broken("staging", json => json["deployment"]!["canary"] = new JsonObject { ["percent"] = 12.34 });
        Assert.Contains("staging.json: $.deployment.canary.percent: 12.34 is not a multiple of 0.1, which ECS requires; fix: round it, e.g. 12.3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bake_time_beyond_a_day_names_the_bounds()
    {
        var error = Broken("staging", json => json["deployment"]!["canary"] = new JsonObject { ["bakeTimeMinutes"] = 1441 });
        Assert.Contains("staging.json: $.deployment.canary.bakeTimeMinutes: 1441 is out of range; fix: use a value >= 0 and <= 1440", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hook_without_stages_is_refused()
    {
        var error = Broken("staging", json => json["deployment"]!["lifecycleHooks"] = new JsonArray(new JsonObject { ["type"] = "PAUSE", ["stages"] = new JsonArray() }));
        Assert.Contains("staging.json: $.deployment.lifecycleHooks[0].stages:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lambda_hook_needs_its_function_and_role()
    {
        var error = Broken("staging", json => json["deployment"]!["lifecycleHooks"] = new JsonArray(new JsonObject { ["type"] = "AWS_LAMBDA", ["stages"] = new JsonArray("POST_SCALE_UP") }));
        Assert.Contains("staging.json: $.deployment.lifecycleHooks[0].functionArn: missing, and an AWS_LAMBDA hook needs the function to invoke; fix: add it, or use type PAUSE", error, StringComparison.Ordinal);
        Assert.Contains("(and 1 more problem)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pause_while_traffic_moves_is_refused_with_the_stage_to_use()
    {
        var error = Broken("staging", json => json["deployment"]!["lifecycleHooks"] = new JsonArray(new JsonObject { ["type"] = "PAUSE", ["stages"] = new JsonArray("PRODUCTION_TRAFFIC_SHIFT") }));
        Assert.Contains("staging.json: $.deployment.lifecycleHooks[0].stages: ECS cannot pause at PRODUCTION_TRAFFIC_SHIFT; fix: use PRE_PRODUCTION_TRAFFIC_SHIFT", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Hooks_under_a_rolling_deployment_are_refused()
    {
        var error = Broken("dev", json => json["deployment"]!["lifecycleHooks"] = new JsonArray(new JsonObject { ["type"] = "PAUSE", ["stages"] = new JsonArray("POST_SCALE_UP") }));
        Assert.Contains("dev.json: $.deployment.lifecycleHooks[0]: ECS runs lifecycle hooks only in BLUE_GREEN, CANARY and LINEAR deployments; fix:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CANARY")]
    [InlineData("LINEAR")]
    public void A_traffic_shift_without_its_listener_rule_is_refused(string strategy)
    {
        var error = Broken("staging", json =>
        {
            json["deployment"]!["strategy"] = strategy;
            json["loadBalancer"]!.AsObject().Remove("productionListenerRuleArn");
        });
        Assert.Contains($"staging.json: $.loadBalancer.productionListenerRuleArn: missing, and {strategy} needs it to shift traffic; fix: add it, or use deployment.strategy ROLLING", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_listener_url_without_its_rule_is_refused()
    {
        var error = Broken("staging", json => json["loadBalancer"]!.AsObject().Remove("testListenerRuleArn"));
        Assert.Contains("staging.json: $.loadBalancer.testListenerRuleArn: missing, and testListenerUrl needs it", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Smoke_requests_without_a_test_listener_are_refused()
    {
        var error = Broken("staging", json => json["loadBalancer"]!.AsObject().Remove("testListenerUrl"));
        Assert.Contains("staging.json: $.verification.smokeChecks.requests: there is no test listener to send them to; fix: set loadBalancer.testListenerUrl", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_alarms_in_an_aws_environment_are_refused_pointing_at_terraform()
    {
        var local = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "local.json")))!["localAlarms"]!.DeepClone();
        var error = Broken("dev", json => json["localAlarms"] = local);
        Assert.Contains("dev.json: $.localAlarms: only a local environment's alarms are made by this tool (LocalUp); fix: remove it and define the alarms in Terraform (infra/modules/environment/alarms.tf)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Deployment_alarms_need_names_when_enabled_and_local_alarms_a_valid_period()
    {
        var empty = Broken("local", json => json["deployment"]!["alarms"]!["alarmNames"] = new JsonArray());
        Assert.Contains("local.json: $.deployment.alarms.alarmNames: empty, and enable is true; fix:", empty, StringComparison.Ordinal);

        var period = Broken("local", json => json["localAlarms"]![0]!["periodSeconds"] = 45);
        Assert.Contains("local.json: $.localAlarms[0].periodSeconds: 45 is not allowed; fix: use one of 10, 20, 30, 60,", period, StringComparison.Ordinal);
    }

    [Fact]
    public void The_local_file_defines_every_alarm_its_deployment_watches()
    {
        var local = RepositoryEnvironments.Load("local");

        Assert.Subset(local.LocalAlarms.Select(a => a.Name).ToHashSet(), local.Deployment.Alarms!.AlarmNames.ToHashSet());
        Assert.All(local.LocalAlarms, a => Assert.Equal(a.EvaluationPeriods, a.DatapointsToAlarm ?? a.EvaluationPeriods));
    }

    private string Broken(string name, Action<JsonNode> change)
    {
        var path = Path.Combine(_directory, name + ".json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        change(json);
        File.WriteAllText(path, json.ToJsonString());
        var message = Assert.Throws<EnvironmentConfigurationException>(() => RepositoryEnvironments.Load(_directory, name)).Message;
        Assert.DoesNotContain('\n', message);
        Assert.Contains("fix:", message, StringComparison.Ordinal);
        return message;
    }
}

internal static class JsonNodeExtensions
{
    public static JsonObject Also(this JsonObject json, Action<JsonObject> change)
    {
        change(json);
        return json;
    }
}
