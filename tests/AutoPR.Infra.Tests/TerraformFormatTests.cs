using AutoPR.Infra.Tests.Support;

namespace AutoPR.Infra.Tests;

/// <summary>`terraform fmt -check -recursive infra` with the real terraform: what CI's infra workflow runs first.</summary>
public sealed class TerraformFormatTests
{
    [Fact]
    public async Task Infra_is_formatted_the_way_terraform_fmt_writes_it()
    {
        var result = await Terraform.FormatCheckAsync("infra");

        Assert.True(result.ExitCode == 0, $"terraform fmt -check -recursive infra: run `terraform fmt -recursive infra`.\n{result}");
    }

    [Fact]
    public async Task A_misformatted_file_fails_the_check_and_is_named()
    {
        using var temp = new TempFolder();
        var module = Path.Combine(temp.Path, "modules", "environment");
        Directory.CreateDirectory(module);
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, TerraformTree.Module, "cluster.tf"));
        await File.WriteAllTextAsync(Path.Combine(module, "cluster.tf"), text.Replace("  name = local.name", "name     =    local.name", StringComparison.Ordinal));

        var result = await Terraform.FormatCheckAsync(temp.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("cluster.tf", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_terraform_the_tests_say_it_is_missing()
    {
        Assert.Null(Terraform.Find(pathVariable: string.Empty, fallbacks: []));
        Assert.StartsWith("terraform is missing", Terraform.MissingMessage, StringComparison.Ordinal);
    }
}
