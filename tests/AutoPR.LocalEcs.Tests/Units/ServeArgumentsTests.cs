using AutoPR.LocalEcs.Cli;

namespace AutoPR.LocalEcs.Tests.Units;

/// <summary>Bad --metrics, --metrics-delay and --test-listener-address values stop LocalEcs before it starts: one line on stderr, exit code 2.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ServeArgumentsTests : IDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "localecs-cli-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("--metrics", "fast", "--metrics 'fast' is not a mode; use aws")]
    [InlineData("--metrics-delay", "-1", "--metrics-delay must be 0 or more seconds")]
    [InlineData("--test-listener-address", "9080", "--test-listener-address '9080' must be host:port")]
    public async Task A_bad_metrics_or_listener_value_is_one_line_on_stderr_and_exit_code_2(string option, string value, string message)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        int exitCode;
        try
        {
            exitCode = await LocalEcsCommandLine.RunAsync(["serve", "--state-dir", _stateDir, "--port", "0", option, value]);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(message, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_stateDir), "LocalEcs must not start (nor write its state directory) on a bad value.");
    }

    [Fact]
    public async Task The_help_documents_the_test_listener_address_and_its_default()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, await LocalEcsCommandLine.RunAsync(["--help"]));
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Contains("--test-listener-address", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("port + 1000", output.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>Tests that redirect Console.Error or Console.Out run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}
