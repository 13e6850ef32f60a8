using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Deployment;

/// <summary>What <see cref="AwsClients.CreateAsync"/> takes besides the environment; the defaults read the process.</summary>
public sealed record AwsClientsOptions
{
    /// <summary>Reads an environment variable (AWS_REGION, AWS_ENDPOINT_URL*, AWS_MAX_ATTEMPTS, ...).</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Credentials to use instead of resolving them (tests, or a host that resolved them itself).</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>The HTTP transport below the signer; null for the default.</summary>
    public HttpMessageHandler? Transport { get; init; }

    /// <summary>The clock of backoffs, timeouts and the ECR token cache.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Send only read operations; a write throws before anything is sent (--dry-run).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Where the clients log.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
