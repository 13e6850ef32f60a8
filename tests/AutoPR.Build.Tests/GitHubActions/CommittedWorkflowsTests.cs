namespace AutoPR.Build.Tests.GitHubActions;

/// <summary>The committed .github/workflows are exactly what the build generates, and actionlint finds nothing in them.</summary>
public sealed class CommittedWorkflowsTests(GeneratedWorkflows generated) : IClassFixture<GeneratedWorkflows>
{
    private const string Fix = "Run ./build.sh GenerateWorkflows and commit .github/workflows (never edit them by hand).";

    [Fact]
    public void The_build_generates_ci_deploy_drift_and_infra()
    {
        Assert.Equal(["ci.yml", "deploy.yml", "drift.yml", "infra.yml"], generated.Files.Select(Path.GetFileName));
    }

    [Fact]
    public void Committed_workflows_are_what_the_build_generates()
    {
        var committed = Directory.Exists(WorkflowRepository.CommittedWorkflows)
            ? Directory.EnumerateFiles(WorkflowRepository.CommittedWorkflows, "*.yml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()
            : [];
        var expected = generated.Files.Select(Path.GetFileName).ToList();
        Assert.True(
            committed.SequenceEqual(expected),
            $".github/workflows holds [{string.Join(", ", committed)}] but the build generates [{string.Join(", ", expected)}]. {Fix}");

        foreach (var file in generated.Files)
        {
            var name = Path.GetFileName(file);
            var want = File.ReadAllText(file);
            var have = File.ReadAllText(Path.Combine(WorkflowRepository.CommittedWorkflows, name));
            Assert.True(want == have, $".github/workflows/{name} differs from what build/Build.Workflows.cs generates ({FirstDifference(have, want)}). {Fix}");
        }
    }

    [Fact]
    public async Task Generated_workflows_pass_actionlint()
    {
        Assert.NotEmpty(generated.Files);
        var findings = await Actionlint.LintAsync(generated.Files);
        Assert.True(findings.Count == 0, "actionlint found:\n" + string.Join('\n', findings));
    }

    private static string FirstDifference(string committed, string generated)
    {
        var a = committed.Split('\n');
        var b = generated.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end of file>";
            var right = i < b.Length ? b[i] : "<end of file>";
            if (left != right)
            {
                return $"line {i + 1}: committed '{left}', generated '{right}'";
            }
        }

        return "same lines, different line endings";
    }
}
