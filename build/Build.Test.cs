using System.Globalization;
using System.Xml.Linq;
using AutoPR.Build;
using AutoPR.BuildDefinition.Tools;
using Serilog;

namespace AutoPR.BuildDefinition;

internal sealed partial class Build
{
    [Parameter("Only run tests matching this dotnet test filter expression")]
    public string? TestFilter { get; set; }

    static AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    Target Test => _ => _
        .Description("Runs every test project; TRX results and coverage go to artifacts/test-results.")
        .DependsOn(Compile)
        .Executes(async ct =>
        {
            if (TestResultsDirectory.Exists())
            {
                Directory.Delete(TestResultsDirectory, recursive: true);
            }

            var failed = false;
            try
            {
                await DotNet.RunAsync(
                    [
                        // One test project at a time: several of them run real containers and rollouts, and on a
                        // 2-core machine running them side by side turns health checks into timeouts.
                        "test", Solution, "--no-build", "-c", Configuration.ToString(), "-m:1",
                        "--results-directory", TestResultsDirectory,
                        "--logger", "trx", "--logger", "console;verbosity=normal",
                        "--collect", "XPlat Code Coverage",
                        .. TestFilter is null ? Array.Empty<string>() : ["--filter", TestFilter],
                    ],
                    ct);
            }
            catch (ToolFailedException)
            {
                failed = true;
            }

            var totals = TestTotals.Read(TestResultsDirectory);
            Log.Information("Test results: {Totals}", totals);
            if (failed || totals.Failed > 0)
            {
                throw new InvalidOperationException($"Tests failed: {totals}. TRX files are under {TestResultsDirectory.RelativeTo(RootDirectory)}.");
            }

            if (totals.Passed == 0)
            {
                throw new InvalidOperationException("No test ran: check the filter and the test projects.");
            }
        });
}

/// <summary>Pass/fail counts summed over the TRX files of a run.</summary>
internal sealed record TestTotals(int Passed, int Failed, int Skipped)
{
    public static TestTotals Read(AbsolutePath directory)
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var counters = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.trx", SearchOption.AllDirectories)
                .Select(f => XDocument.Load(f).Descendants(ns + "Counters").Single())
                .ToList()
            : [];
        int Sum(string name) => counters.Sum(c => int.Parse(c.Attribute(name)?.Value ?? "0", CultureInfo.InvariantCulture));
        return new TestTotals(Sum("passed"), Sum("failed") + Sum("error") + Sum("timeout") + Sum("aborted"), Sum("notExecuted"));
    }

    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";
}
