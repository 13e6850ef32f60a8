using AutoPR.Build;
using AutoPR.BuildDefinition.Testing;
using AutoPR.BuildDefinition.Tools;
using Serilog;

namespace AutoPR.BuildDefinition;

internal sealed partial class Build
{
    [Parameter("Only run tests matching this dotnet test filter expression")]
    public string? TestFilter { get; set; }

    static AbsolutePath TestResultsDirectory => ArtifactsDirectory / "test-results";

    Target Test => _ => _
        .Description("Runs every test project; TRX results and coverage go to artifacts/test-results; failed tests are named at the end.")
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

            var results = TestResults.Read(TestResultsDirectory);
            foreach (var failure in results.Failures)
            {
                Log.Error("Failed: {Test}: {Reason}", failure.Name, failure.Reason);
            }

            Log.Information("Test results: {Totals}", results);
            if (failed || results.Failed > 0)
            {
                throw new InvalidOperationException($"Tests failed: {results}. TRX files are under {TestResultsDirectory.RelativeTo(RootDirectory)}.");
            }

            if (results.Passed == 0)
            {
                throw new InvalidOperationException("No test ran: check the filter and the test projects.");
            }
        });
}
