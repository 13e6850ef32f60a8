using AutoPR.Infra.Tests.Support;

namespace AutoPR.Infra.Tests;

/// <summary>
/// The environment files and the Terraform agree: every ${tf.NAME} is an output of the environment's root, the state
/// object each file reads is where its root keeps state, and the example outputs the unit tests load have exactly
/// the roots' output names. Each check is shown to fail on a copy with one edit.
/// </summary>
public sealed class EnvironmentFileTests : IDisposable
{
    private readonly string _environments = Directory.CreateTempSubdirectory("autopr-infra-envs-").FullName;

    public EnvironmentFileTests()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, InfraChecks.EnvironmentFilesFolder), "*.json"))
        {
            File.Copy(file, Path.Combine(_environments, Path.GetFileName(file)));
        }
    }

    [Fact]
    public async Task Every_reference_of_an_environment_file_is_an_output_of_its_root()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        Assert.Empty(InfraChecks.EnvironmentFileProblems(tree, _environments));

        Edit("staging", "${tf.log_group}", "${tf.log_group_name}");
        Assert.Contains("deploy/environments/staging.json: ${tf.log_group_name} is not an output of infra/environments/staging", InfraChecks.EnvironmentFileProblems(tree, _environments));

        var renamed = await tree.WithEditAsync(TerraformTree.EnvironmentsFolder + "/dev/outputs.tf", "output \"subnets\" {", "output \"subnet_ids\" {");
        Assert.Contains("deploy/environments/dev.json: ${tf.subnets} is not an output of infra/environments/dev", InfraChecks.EnvironmentFileProblems(renamed, _environments));
    }

    [Fact]
    public async Task Each_file_reads_the_state_object_its_root_writes()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        Edit("production", "autopr/production/terraform.tfstate", "autopr/prod/terraform.tfstate");

        var findings = InfraChecks.EnvironmentFileProblems(tree, _environments);

        Assert.Contains(findings, f => f.StartsWith("deploy/environments/production.json: terraform.state is s3://autopr-terraform-state-123456789012/autopr/prod/terraform.tfstate, but infra/environments/production keeps its state at s3://autopr-terraform-state-123456789012/autopr/production/terraform.tfstate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_example_outputs_of_the_unit_tests_name_exactly_the_roots_outputs()
    {
        var tree = await TerraformTree.LoadCurrentAsync();
        foreach (var environment in InfraChecks.Environments)
        {
            var example = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "tests", "AutoPR.Deployment.Tests", "Fixtures", "TerraformOutputs", environment + ".json")))!.AsObject();
            var outputs = tree.Blocks($"{TerraformTree.EnvironmentsFolder}/{environment}", "output").Select(o => o.Address).Order(StringComparer.Ordinal);

            Assert.Equal(outputs, example.Select(p => p.Key).Order(StringComparer.Ordinal));
        }
    }

    public void Dispose() => Directory.Delete(_environments, recursive: true);

    private void Edit(string environment, string find, string replace)
    {
        var path = Path.Combine(_environments, environment + ".json");
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
    }
}
