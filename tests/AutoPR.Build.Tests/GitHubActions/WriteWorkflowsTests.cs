namespace AutoPR.Build.Tests.GitHubActions;

/// <summary>Writing touches only what changed and removes workflows that are no longer generated, never hand-written ones.</summary>
public sealed class WriteWorkflowsTests
{
    private static readonly GitHubActionsWorkflowFile Ci = new("ci.yml", "# generated\nname: ci\n", ["Test"]);
    private static readonly GitHubActionsWorkflowFile Deploy = new("deploy.yml", "# generated\nname: deploy\n", ["Deploy"]);

    [Fact]
    public async Task New_and_changed_files_are_written_and_reported()
    {
        using var temp = new TempFolder();
        var directory = Path.Combine(temp.Path, ".github", "workflows");

        Assert.Equal(["ci.yml: written", "deploy.yml: written"], await GitHubActionsGenerator.WriteAsync([Ci, Deploy], directory, CancellationToken.None));
        Assert.Empty(await GitHubActionsGenerator.WriteAsync([Ci, Deploy], directory, CancellationToken.None));

        var changed = Ci with { Text = "# generated\nname: CI\n" };
        Assert.Equal(["ci.yml: written"], await GitHubActionsGenerator.WriteAsync([changed, Deploy], directory, CancellationToken.None));
        Assert.Equal(changed.Text, await File.ReadAllTextAsync(Path.Combine(directory, "ci.yml")));
    }

    [Fact]
    public async Task A_workflow_no_longer_generated_is_deleted_and_a_hand_written_one_kept()
    {
        using var temp = new TempFolder();
        await GitHubActionsGenerator.WriteAsync([Ci, Deploy], temp.Path, CancellationToken.None);
        await File.WriteAllTextAsync(temp.File("codeql.yml"), "name: CodeQL\n");

        Assert.Equal(["deploy.yml: deleted (no longer generated)"], await GitHubActionsGenerator.WriteAsync([Ci], temp.Path, CancellationToken.None));
        Assert.Equal(["ci.yml", "codeql.yml"], Directory.EnumerateFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
