using AutoPR.Build;
using Serilog;

namespace Sample;

/// <summary>Targets that succeed, fail, wait to be interrupted and clean up; parameters of every kind.</summary>
internal sealed class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Pass);

    [Parameter("Plan without changing anything")]
    public bool DryRun { get; set; }

    [Parameter("Target environment")]
    public Stage? Stage { get; set; }

    [Parameter("How long to wait")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(90);

    [Parameter("Image tags")]
    public string[] Tags { get; set; } = ["latest"];

    [Parameter("Attempts")]
    public int Retries { get; set; } = 3;

    [Parameter("Where artifacts go")]
    public AbsolutePath? Output { get; set; }

    [Parameter("AWS region", AllowedValuesFrom = nameof(Regions))]
    public string Region { get; set; } = "eu-west-1";

    [Parameter("API token")]
    [Secret]
    public string ApiToken { get; set; } = "built-in-default-token";

    private static IEnumerable<string> Regions => ["eu-west-1", "us-east-1"];

    Target Pass => _ => _
        .Description("Always succeeds")
        .Executes(() =>
        {
            Log.Debug("debug-marker");
            Log.Information("info-marker dry-run={DryRun}", DryRun);
            Log.Warning("warning-marker");
            Console.WriteLine($"token={ApiToken}");
        });

    Target Fail => _ => _
        .Description("Always fails")
        .Executes(() => throw new InvalidOperationException("boom-reason"));

    Target AfterFail => _ => _
        .DependsOn(Fail)
        .Executes(() => Console.WriteLine("after-fail-ran"));

    Target Sleep => _ => _
        .Description("Waits until interrupted")
        .Executes(async ct =>
        {
            Console.WriteLine("sleep-started");
            await Task.Delay(System.Threading.Timeout.Infinite, ct);
        });

    Target Follow => _ => _
        .Description("Follows until interrupted, which ends it as a success")
        .Unlisted()
        .EndsOnInterrupt()
        .Executes(async ct =>
        {
            Console.WriteLine("follow-started");
            await Task.Delay(System.Threading.Timeout.Infinite, ct);
        });

    Target Cleanup => _ => _
        .Description("Runs even after a failure or an interrupt")
        .After(Pass, Fail, AfterFail, Sleep)
        .AssuredAfterFailure()
        .Executes(() => Console.WriteLine("cleanup-ran"));

    Target Deploy => _ => _
        .Description("Needs a stage")
        .DependsOn(Pass)
        .Requires(() => Stage)
        .Requires(() => Stage != Sample.Stage.Production || DryRun, "production only as a --dry-run")
        .Executes(() => Console.WriteLine($"deploying to {Stage}"));

    Target Hidden => _ => _
        .Unlisted()
        .Executes(() => Console.WriteLine("hidden-ran"));
}

internal enum Stage
{
    Development,
    Staging,
    Production,
}
