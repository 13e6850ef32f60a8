using Amazon.Runtime;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Endpoints;
using AutoPR.Deployment.Aws.Retries;

namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>Connection settings for tests: fixed test keys, fast retries, and either an in-process transport or a loopback endpoint.</summary>
public static class TestConnections
{
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    /// <summary>Standard endpoints, but every request is answered in-process by <paramref name="transport"/> (no network).</summary>
    public static AwsConnectionOptions InProcess(HttpMessageHandler transport, AwsRetryOptions? retry = null, TimeProvider? time = null) => new()
    {
        Region = "eu-west-1",
        Credentials = Credentials,
        Transport = transport,
        Retry = retry ?? AwsRetryOptions.Standard with { BaseDelay = TimeSpan.Zero },
        Time = time ?? TimeProvider.System,
    };

    /// <summary>All services at one loopback endpoint (moto, the recording server).</summary>
    public static AwsConnectionOptions Loopback(Uri endpoint, string region = "us-east-1", AwsRetryOptions? retry = null) => new()
    {
        Region = region,
        Credentials = Credentials,
        Endpoints = new AwsEndpointSettings
        {
            ConfiguredEndpoints = new Dictionary<string, Uri>
            {
                ["ecs"] = endpoint,
                ["ecr"] = endpoint,
                ["cloudwatch"] = endpoint,
                ["ssm"] = endpoint,
                ["logs"] = endpoint,
                ["rds"] = endpoint,
            },
        },
        Retry = retry ?? AwsRetryOptions.Standard with { BaseDelay = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) },
    };
}
