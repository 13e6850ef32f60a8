using System.Diagnostics;
using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Tests.Support;

/// <summary>Runs the AWS CLI (an independent client with the newest models) against LocalEcs with dummy credentials.</summary>
public sealed class AwsCli(Uri endpoint)
{
    public async Task<JsonNode?> RunAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await RunRawAsync(arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', arguments)} failed ({exitCode}): {error.Trim()}");
        }

        return output.Trim().Length == 0 ? null : JsonNode.Parse(output);
    }

    public Task<(int ExitCode, string Output, string Error)> RunRawAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("aws");
        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "test";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        return ChildProcess.RunAsync(start, "The AWS CLI ('aws') is not installed: pip install awscli (CI installs it in .ci/run).");
    }
}
