using AutoPR.EndToEnd.Tests.Stack;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Safety;

/// <summary>
/// LocalUp in a checkout whose local.json names an endpoint where another checkout's LocalEcs answers (here: a copy
/// of the tests' build inputs beside the tests' own stack) refuses to take that stack for its own.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class AnotherCheckoutsStackTests(LocalStackFixture stack, ITestOutputHelper output)
{
    [Fact]
    public async Task LocalUp_refuses_another_checkout_s_LocalEcs_at_its_endpoint_in_one_line_and_changes_nothing()
    {
        using var otherCheckout = stack.CopyInputs("another-checkout");
        var before = await stack.ServiceAsync();

        var run = await stack.RunAsync(output, "LocalUp", "--root", otherCheckout.Root);

        Assert.True(run.ExitCode == 1, run.ToString());
        var failure = run.FailureOf("LocalUp");
        var theirs = Path.Combine(stack.Root, ".autopr", "local-stack", "state");
        var ours = Path.Combine(otherCheckout.Root, ".autopr", "local-stack", "state");
        Assert.Contains($"LocalEcs at {stack.Environment.Aws.Endpoints["ecs"]} is not this checkout's: its state is {theirs}, this checkout's is {ours}; nothing was changed.", failure, StringComparison.Ordinal);
        Assert.EndsWith("or --skip LocalUp to deploy to it anyway.", failure.TrimEnd(), StringComparison.Ordinal); // the whole refusal on one line
        Assert.False(Directory.Exists(Path.Combine(otherCheckout.Root, ".autopr", "local-stack")), "LocalUp made a local stack in the refusing checkout");

        var after = await stack.ServiceAsync();
        Assert.Equal(before.TaskDefinition, after.TaskDefinition);
        Assert.Equal(before.RunningTasks.Select(t => t.Id).Order(), after.RunningTasks.Select(t => t.Id).Order());
    }
}
