using AutoPR.Build.Tests.Support;
using static AutoPR.Build.Tests.Support.PlanHarness;

namespace AutoPR.Build.Tests.Planning;

public class TargetSkippedExceptionTests
{
    private sealed class Images : RecordingBuild
    {
        Target DockerBuild => _ => _.Executes(() =>
        {
            Ran.Add(nameof(DockerBuild));
            throw new TargetSkippedException("image already built");
        });

        Target Push => _ => _.DependsOn(DockerBuild).Executes(Record());
    }

    [Fact]
    public async Task Throwing_it_ends_the_target_as_skipped_with_its_reason()
    {
        var plan = await RunAsync(new Images(), "DockerBuild");
        Assert.Equal((TargetStatus.Skipped, "image already built"), (Target(plan, "DockerBuild").Status, Target(plan, "DockerBuild").Note));
    }

    [Fact]
    public async Task Dependents_of_a_target_that_skipped_itself_still_run()
    {
        var build = new Images();
        var plan = await RunAsync(build, "Push");
        Assert.Equal(["DockerBuild", "Push"], build.Ran);
        Assert.Equal(TargetStatus.Succeeded, Target(plan, "Push").Status);
    }
}
