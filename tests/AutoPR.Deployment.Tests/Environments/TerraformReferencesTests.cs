using System.Text.Json.Nodes;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Infrastructure;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Environments;

/// <summary>
/// Environment files refer to Terraform outputs as ${tf.NAME}: whole values take the output's type, references inside
/// longer strings take its text, and everything that cannot be resolved is one line naming the file, path and fix.
/// </summary>
public sealed class TerraformReferencesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("autopr-env-tf-").FullName;

    public TerraformReferencesTests()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Environments, "*.json"))
        {
            File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)));
        }
    }

    [Fact]
    public void Whole_value_references_take_lists_maps_and_numbers_from_the_outputs()
    {
        var staging = RepositoryEnvironments.Load(_directory, "staging");

        Assert.Equal("autopr-staging", staging.Cluster);
        Assert.Equal(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], staging.Network!.Subnets);
        Assert.Equal(8000, staging.LoadBalancer.ContainerPort);
        Assert.Equal("arn:aws:ssm:eu-west-1:123456789012:parameter/autopr/staging/DATABASE_URL", staging.Secrets["DATABASE_URL"]);
        Assert.Equal(new Uri("https://staging.autopr.example.com/health"), staging.HealthUrl);
        Assert.Equal("s3://autopr-terraform-state-123456789012/autopr/staging/terraform.tfstate", staging.Terraform!.State);
    }

    [Fact]
    public void A_reference_inside_a_longer_string_takes_the_outputs_text()
    {
        Change("dev", json => json["healthUrl"] = "https://${tf.load_balancer_dns_name}:${tf.container_port}/health");

        var dev = RepositoryEnvironments.Load(_directory, "dev");

        Assert.Equal(new Uri("https://autopr-dev-1234567890.eu-west-1.elb.amazonaws.com:8000/health"), dev.HealthUrl);
    }

    [Fact]
    public void An_output_the_state_does_not_have_is_named_with_the_ones_it_has()
    {
        Change("staging", json => json["cluster"] = "${tf.ecs_cluster}");

        var error = Error(() => RepositoryEnvironments.Load(_directory, "staging"));

        Assert.Contains("staging.json: $.cluster: ${tf.ecs_cluster} names no output of example outputs staging.json; fix: use one of account_id, alarm_names, ", error, StringComparison.Ordinal);
        Assert.Contains("or add output \"ecs_cluster\" to the Terraform root and apply it.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sensitive_output_is_refused_and_its_value_never_shown()
    {
        var outputs = TerraformOutputs.Parse("""{"cluster":{"sensitive":true,"type":"string","value":"hunter2-secret"}}""", "outputs.json");
        var json = JsonNode.Parse("""{"cluster":"${tf.cluster}"}""")!;

        var error = Assert.Throws<EnvironmentConfigurationException>(() => TerraformReferences.Resolve(json, outputs)).Message;

        Assert.Contains("$.cluster: ${tf.cluster} is a sensitive output, and environment files never hold secret values", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_inside_a_longer_string_says_to_make_it_the_whole_value()
    {
        Change("dev", json => json["description"] = "runs in ${tf.subnets}");

        var error = Error(() => RepositoryEnvironments.Load(_directory, "dev"));

        Assert.Contains("dev.json: $.description: ${tf.subnets} is a list, which cannot be part of a longer string", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${tf.}")]
    [InlineData("${terraform.cluster}")]
    [InlineData("${ tf.cluster }")]
    public void A_malformed_reference_shows_the_syntax(string value)
    {
        Change("dev", json => json["cluster"] = value);

        var error = Error(() => EnvironmentLoader.ReadHeader(_directory, "dev"));

        Assert.Contains($"dev.json: $.cluster: \"{value}\" is not a Terraform reference; fix: write ${{tf.OUTPUT}}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void References_in_the_sections_read_before_the_outputs_are_refused()
    {
        Change("dev", json => json["aws"]!["accountId"] = "${tf.account_id}");

        var error = Error(() => EnvironmentLoader.ReadHeader(_directory, "dev"));

        Assert.Contains("dev.json: $.aws.accountId: ${tf.account_id} cannot be used in name, aws, terraform, ecr, requiresApproval", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_references_and_no_state_location_says_where_to_add_one()
    {
        Change("staging", json => json.AsObject().Remove("terraform"));

        var header = Error(() => EnvironmentLoader.ReadHeader(_directory, "staging"));
        var load = Error(() => RepositoryEnvironments.Load(_directory, "staging"));

        Assert.Contains("staging.json: $.terraform: missing, and the file refers to Terraform outputs (${tf.cluster} at $.cluster); fix: add \"terraform\": { \"state\": \"s3://BUCKET/KEY\" }", header, StringComparison.Ordinal);
        Assert.Equal(header, load);
    }

    [Fact]
    public void A_state_location_must_be_one_s3_object()
    {
        Change("staging", json => json["terraform"] = new JsonObject { ["state"] = "autopr-terraform-state/staging.tfstate" });

        var error = Error(() => EnvironmentLoader.ReadHeader(_directory, "staging"));

        Assert.Contains("staging.json: $.terraform.state: \"autopr-terraform-state/staging.tfstate\" is not s3://BUCKET/KEY", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_of_a_file_with_references_is_read_without_any_outputs()
    {
        var production = EnvironmentLoader.ReadHeader(_directory, "production");

        Assert.True(production.RequiresApproval);
        Assert.False(production.IsLocal);
        Assert.Equal("autopr", production.Ecr.Repository);
        Assert.Equal("eu-west-1", production.Aws.Region);
        Assert.Contains(production.References, r => r.Path == "$.network.subnets" && r.Output == "subnets");
    }

    [Fact]
    public void Loading_a_file_with_references_without_its_outputs_says_how()
    {
        var error = Error(() => EnvironmentLoader.Load(_directory, "dev"));

        Assert.Contains("dev.json: $.cluster refers to the Terraform output \"cluster\", and no outputs were read; fix: load it with EnvironmentLoader.LoadAsync", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_local_files_keep_their_literal_values()
    {
        foreach (var name in EnvironmentLoader.ListNames(RepositoryPaths.Environments).Where(n => n.StartsWith("local", StringComparison.Ordinal)))
        {
            Assert.Empty(EnvironmentLoader.ReadHeader(RepositoryPaths.Environments, name).References);
        }
    }

    [Fact]
    public void An_output_of_the_wrong_type_is_caught_by_the_schema_at_the_path_that_refers_to_it()
    {
        Change("dev", json => json["desiredCount"] = "${tf.cluster}");

        var error = Error(() => RepositoryEnvironments.Load(_directory, "dev"));

        Assert.Contains("dev.json: $.desiredCount: \"autopr-dev\" has the wrong type", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Change(string name, Action<JsonNode> change)
    {
        var path = Path.Combine(_directory, name + ".json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        change(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    private static string Error(Action load)
    {
        var message = Assert.Throws<EnvironmentConfigurationException>(load).Message;
        Assert.DoesNotContain('\n', message);
        Assert.Contains("fix:", message, StringComparison.Ordinal);
        return message;
    }
}
