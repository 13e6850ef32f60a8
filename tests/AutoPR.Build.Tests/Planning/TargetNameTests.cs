namespace AutoPR.Build.Tests.Planning;

public class TargetNameTests
{
    private sealed class Deployment : NukeBuild
    {
        Target DeployEcs => _ => _;
        Target DockerBuild => _ => _;
        Target Compile => _ => _;
        Target CompileDocs => _ => _.Unlisted();
    }

    private static IReadOnlyList<ExecutableTarget> Targets { get; } = TargetGraph.Create(new Deployment()).Targets;

    [Theory]
    [InlineData("DeployEcs")]
    [InlineData("deploy-ecs")]
    [InlineData("deployecs")]
    [InlineData("DEPLOY_ECS")]
    public void Names_are_found_case_insensitively_and_in_kebab_case(string typed) =>
        Assert.Equal("DeployEcs", TargetNames.Find(Targets, typed)?.Name);

    [Fact]
    public void A_name_that_matches_nothing_is_not_found() =>
        Assert.Null(TargetNames.Find(Targets, "deploy"));

    [Fact]
    public void A_typo_suggests_the_closest_target() =>
        Assert.Equal(["DeployEcs"], TargetNames.Suggest(Targets, "deplyo-ecs"));

    [Fact]
    public void A_prefix_suggests_the_targets_it_starts() =>
        Assert.Equal(["DeployEcs"], TargetNames.Suggest(Targets, "deploy"));

    [Fact]
    public void Unlisted_targets_are_not_suggested() =>
        Assert.Equal(["Compile"], TargetNames.Suggest(Targets, "compil"));

    [Fact]
    public void Nothing_close_suggests_nothing() =>
        Assert.Empty(TargetNames.Suggest(Targets, "publish-nuget-packages"));

    [Fact]
    public void The_unknown_target_error_names_the_closest_target() =>
        Assert.Equal(
            "Unknown target 'Compyle' (command line). Did you mean Compile?",
            ExecutionPlanner.UnknownTarget(TargetGraph.Create(new Deployment()), "Compyle", "command line").Message);

    [Fact]
    public void The_unknown_target_error_without_a_near_miss_points_to_help() =>
        Assert.Contains("./build.sh --help", ExecutionPlanner.UnknownTarget(TargetGraph.Create(new Deployment()), "xyz", "command line").Message, StringComparison.Ordinal);
}
