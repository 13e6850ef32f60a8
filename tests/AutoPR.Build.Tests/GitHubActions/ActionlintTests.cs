namespace AutoPR.Build.Tests.GitHubActions;

/// <summary>actionlint finds real mistakes (so the check on the generated workflows can fail), and none in what the generator writes.</summary>
public sealed class ActionlintTests
{
    [Fact]
    public async Task Actionlint_reports_a_broken_workflow()
    {
        using var temp = new TempFolder();
        var file = temp.File("broken.yml");
        await File.WriteAllTextAsync(file, """
            on:
              push:
                branchs: [main]
            jobs:
              deploy:
                runs-on: ubuntu-latest
                steps:
                  - run: ./build.sh Deploy --environment ${{ inputs.enviroment }}
            """);

        var findings = await Actionlint.LintAsync([file]);

        Assert.Contains(findings, f => f.Line == 3 && f.Message.Contains("branchs", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Line == 8 && f.Message.Contains("enviroment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_generator_snapshots_pass_actionlint()
    {
        using var temp = new TempFolder();
        var files = new List<string>();
        foreach (var build in typeof(GeneratorSnapshotTests).GetNestedTypes(System.Reflection.BindingFlags.NonPublic)
                     .Where(t => t.IsDefined(typeof(GitHubActionsWorkflowAttribute), inherit: false)))
        {
            foreach (var workflow in GitHubActionsGenerator.Generate(build, ["snapshot of " + build.Name]))
            {
                var path = temp.File(build.Name + "-" + workflow.FileName);
                await File.WriteAllTextAsync(path, workflow.Text);
                files.Add(path);
            }
        }

        Assert.True(files.Count >= 5, $"expected the snapshot builds' workflows, found {files.Count}");
        var findings = await Actionlint.LintAsync(files);
        Assert.True(findings.Count == 0, "actionlint found:\n" + string.Join('\n', findings));
    }
}
