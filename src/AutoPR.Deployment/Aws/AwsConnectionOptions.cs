using Amazon.Runtime;
using AutoPR.Deployment.Aws.Endpoints;
using AutoPR.Deployment.Aws.Retries;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Deployment.Aws;

/// <summary>Everything a connection to AWS (or a local stand-in) needs; <see cref="AwsClients.CreateAsync"/> fills it from an environment.</summary>
public sealed record AwsConnectionOptions
{
    /// <summary>The signing and endpoint region ("eu-west-1").</summary>
    public required string Region { get; init; }

    /// <summary>The credentials to sign with; refreshed by the SDK when they expire.</summary>
    public required AWSCredentials Credentials { get; init; }

    /// <summary>FIPS and endpoint overrides.</summary>
    public AwsEndpointSettings Endpoints { get; init; } = AwsEndpointSettings.Standard;

    /// <summary>Retries and timeouts.</summary>
    public AwsRetryOptions Retry { get; init; } = AwsRetryOptions.Standard;

    /// <summary>The HTTP transport below the signer; null uses a SocketsHttpHandler without redirects.</summary>
    public HttpMessageHandler? Transport { get; init; }

    /// <summary>The clock of backoffs and timeouts (a fake one in tests, so they never sleep).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where requests, retries and failures are logged (never bodies, never credentials).</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>
    /// Send only <see cref="AwsAccess.Read"/> operations: a write throws <see cref="ReadOnlyViolationException"/>
    /// before anything is sent. What keeps --dry-run from changing the account, whatever code path runs.
    /// </summary>
    public bool ReadOnly { get; init; }

    /// <summary>User-Agent product token.</summary>
    public string UserAgent { get; init; } = "autopr-deploy/1.0";

    /// <summary>Test hook: sign every request as if at this UTC time (to compare signatures with another implementation).</summary>
    internal DateTime? FixedSigningTime { get; init; }
}
