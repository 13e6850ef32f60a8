using System.Collections;

namespace AutoPR.Build.Tests.Support;

/// <summary>Plans and runs a test build in-process, the way BuildHost does, without the console or the process.</summary>
internal static class PlanHarness
{
    public static ExecutionPlan Plan(NukeBuild build, params string[] invoked) => Plan(build, SkipRequest.None, invoked);

    public static ExecutionPlan Plan(NukeBuild build, SkipRequest skip, params string[] invoked)
    {
        var graph = TargetGraph.Create(build);
        var targets = invoked.Select(name => TargetNames.Find(graph.Targets, name) ?? throw new ArgumentException($"No target {name}", nameof(invoked))).ToList();
        return ExecutionPlanner.Plan(graph, targets, skip);
    }

    public static string[] Order(ExecutionPlan plan) => [.. plan.Ordered.Select(t => t.Name)];

    public static ExecutableTarget Target(ExecutionPlan plan, string name) => plan.Ordered.Single(t => t.Name == name);

    public static Task<ExecutionPlan> RunAsync(NukeBuild build, params string[] invoked) =>
        RunAsync(build, SkipRequest.None, CancellationToken.None, CancellationToken.None, invoked);

    public static async Task<ExecutionPlan> RunAsync(NukeBuild build, SkipRequest skip, CancellationToken interrupt, CancellationToken hardStop, params string[] invoked)
    {
        var plan = Plan(build, skip, invoked);
        await RunPlanAsync(plan, interrupt, hardStop);
        return plan;
    }

    public static Task RunPlanAsync(ExecutionPlan plan, CancellationToken interrupt = default, CancellationToken hardStop = default) =>
        Runner().RunAsync(plan, interrupt, hardStop);

    /// <summary>
    /// A runner whose output goes nowhere: these tests look at statuses, not text. (HostConsole also points
    /// Console.Out at its writer; no test here reads the console.)
    /// </summary>
    private static TargetRunner Runner()
    {
        var console = HostConsole.Create(TextWriter.Null, TextWriter.Null, new Hashtable(), new SecretRedactor(), interactive: false);
        return new TargetRunner(new TargetOutput(console), Serilog.Core.Logger.None);
    }
}
