namespace AutoPR.Build.Tests.GitHubActions;

/// <summary>A mistake in the attributes fails the generation with one line that names the workflow, job or setting.</summary>
public sealed class GeneratorValidationTests
{
    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.Push])]
    [GitHubActionsJob("cl", "build", InvokedTargets = ["Compile"])]
    private sealed class JobOfUnknownWorkflow;

    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.Push])]
    [GitHubActionsJob("ci", "build", InvokedTargets = ["Compile"])]
    [GitHubActionsInput("deploy", "environment")]
    private sealed class InputOfUnknownWorkflow;

    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.Push])]
    private sealed class WorkflowWithoutJobs;

    [GitHubActionsWorkflow("ci")]
    [GitHubActionsJob("ci", "build", InvokedTargets = ["Compile"])]
    private sealed class WorkflowWithoutTrigger;

    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.Push])]
    [GitHubActionsWorkflow("CI", On = [GitHubActionsTrigger.Push])]
    [GitHubActionsJob("ci", "build", InvokedTargets = ["Compile"])]
    private sealed class DuplicateWorkflow;

    [GitHubActionsWorkflow("ci/main", On = [GitHubActionsTrigger.Push])]
    [GitHubActionsJob("ci/main", "build", InvokedTargets = ["Compile"])]
    private sealed class WorkflowIdWithSlash;

    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.Push])]
    [GitHubActionsJob("ci", "build", InvokedTargets = ["Compile"])]
    [GitHubActionsJob("ci", "build", InvokedTargets = ["Test"])]
    private sealed class DuplicateJob;

    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.Push])]
    [GitHubActionsJob("ci", "1build", InvokedTargets = ["Compile"])]
    private sealed class BadJobId;

    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.Push])]
    [GitHubActionsJob("ci", "build")]
    private sealed class JobWithoutTargets;

    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.Push])]
    [GitHubActionsJob("ci", "build", InvokedTargets = ["Compile"], Needs = ["tset"])]
    [GitHubActionsJob("ci", "test", InvokedTargets = ["Test"])]
    private sealed class NeedsUnknownJob;

    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.Push], Permissions = ["id_token: write"])]
    [GitHubActionsJob("ci", "build", InvokedTargets = ["Compile"])]
    private sealed class BadPermissionScope;

    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.Push])]
    [GitHubActionsJob("ci", "build", InvokedTargets = ["Compile"], Permissions = ["contents: admin"])]
    private sealed class BadPermissionLevel;

    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.Push])]
    [GitHubActionsJob("ci", "build", InvokedTargets = ["Compile"], Permissions = ["contents: read", "contents: write"])]
    private sealed class PermissionTwice;

    [GitHubActionsWorkflow("deploy")]
    [GitHubActionsInput("deploy", "environment", Default = "prod", Options = ["dev", "production"])]
    [GitHubActionsJob("deploy", "deploy", InvokedTargets = ["Deploy"])]
    private sealed class DefaultNotAnOption;

    private sealed class BothUsesAndRunAttribute() : GitHubActionsJobAttribute("ci", "build")
    {
        protected override IEnumerable<GitHubActionsStep> GetBuildSteps() =>
            [GitHubActionsStep.RunBuild(["Compile"]) with { Uses = "actions/checkout@v4" }];
    }

    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.Push])]
    [BothUsesAndRun]
    private sealed class StepWithUsesAndRun;

    private sealed class WithOnScriptAttribute() : GitHubActionsJobAttribute("ci", "build")
    {
        protected override IEnumerable<GitHubActionsStep> GetBuildSteps() =>
            [GitHubActionsStep.RunBuild(["Compile"]) with { With = [new("x", "1")] }];
    }

    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.Push])]
    [WithOnScript]
    private sealed class ScriptStepWithInputs;

    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.WorkflowDispatch], Paths = ["infra/**"])]
    [GitHubActionsJob("ci", "build", InvokedTargets = ["Compile"])]
    private sealed class PathsWithoutPushOrPullRequest;

    [GitHubActionsWorkflow("ci", OnSchedule = ["0 0 5 * * *"])]
    [GitHubActionsJob("ci", "build", InvokedTargets = ["Compile"])]
    private sealed class CronWithSeconds;

    [GitHubActionsWorkflow("ci", On = [GitHubActionsTrigger.Push])]
    [GitHubActionsJob("ci", "build", InvokedTargets = ["Compile"], SetupDotNet = false)]
    private sealed class BuildWithoutDotNet;

    public static TheoryData<Type, string> Mistakes => new()
    {
        { typeof(JobOfUnknownWorkflow), "Job 'build' names workflow 'cl', which has no [GitHubActionsWorkflow(\"cl\")] on JobOfUnknownWorkflow." },
        { typeof(InputOfUnknownWorkflow), "Input 'environment' names workflow 'deploy', which has no [GitHubActionsWorkflow(\"deploy\")] on InputOfUnknownWorkflow." },
        { typeof(WorkflowWithoutJobs), "Workflow 'ci' has no jobs: add a [GitHubActionsJob(\"ci\", \"<job id>\", ...)]." },
        { typeof(WorkflowWithoutTrigger), "Workflow 'ci' has no trigger: set On, OnPushBranches, OnPullRequestBranches or OnSchedule, or add an input." },
        { typeof(DuplicateWorkflow), "DuplicateWorkflow: workflow id 'ci' is declared twice." },
        { typeof(WorkflowIdWithSlash), "Workflow id 'ci/main' is not a file name: use letters, digits, '.', '-' and '_'." },
        { typeof(DuplicateJob), "Workflow 'ci': job id 'build' is declared twice." },
        { typeof(BadJobId), "Job '1build' of workflow 'ci': a job id starts with a letter or '_' and has only letters, digits, '-' and '_'." },
        { typeof(JobWithoutTargets), "Job 'build' of workflow 'ci' runs nothing: set InvokedTargets, or override GetBuildSteps." },
        { typeof(PathsWithoutPushOrPullRequest), "Workflow 'ci': Paths filter pushes and pull requests, and the workflow starts on neither." },
        { typeof(CronWithSeconds), "Workflow 'ci': schedule '0 0 5 * * *' is not a cron expression of five fields (minute hour day month weekday)." },
        { typeof(BuildWithoutDotNet), "Job 'build' of workflow 'ci' runs ./build.sh, which needs .NET: leave SetupDotNet on." },
        { typeof(NeedsUnknownJob), "Job 'build' of workflow 'ci' needs 'tset', which is not another job of the workflow." },
        { typeof(BadPermissionScope), "Workflow 'ci': permission 'id_token: write' is not 'scope: level'" },
        { typeof(BadPermissionLevel), "Job 'build' of workflow 'ci': permission 'contents: admin' is not 'scope: level'" },
        { typeof(PermissionTwice), "Job 'build' of workflow 'ci': permission 'contents' is given twice." },
        { typeof(DefaultNotAnOption), "Workflow 'deploy': input 'environment' defaults to 'prod', which is not one of its options (dev, production)." },
        { typeof(StepWithUsesAndRun), "Job 'build' of workflow 'ci', step 3: a step either uses an action or runs a script, not both or neither." },
        { typeof(ScriptStepWithInputs), "Job 'build' of workflow 'ci', step 3: 'with' gives inputs to an action; a script step takes 'env' instead." },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_is_one_line_that_says_what_is_wrong(Type build, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => GitHubActionsGenerator.Generate(build, ["header"]));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_build_step_runs_at_least_one_target()
    {
        Assert.Throws<ArgumentException>(() => GitHubActionsStep.RunBuild([]));
    }
}
