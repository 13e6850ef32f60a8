using System.Text.Json;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Verification.Probes;

namespace AutoPR.Deployment.Verification;

/// <summary>
/// The test-traffic gate's checks: while only the test listener reaches the new revision, its health URL path,
/// /version (the expected git revision) and the environment's smoke requests must each answer as expected
/// <see cref="Repeats"/> times, every answer from the new revision (its X-AutoPR-Revision header). Returns the first
/// failure, or null when all pass.
/// </summary>
public sealed class SmokeChecks(HttpClient http, DeploymentEnvironment environment, TimeProvider time)
{
    /// <summary>Each check is sent this often: a release failing a share of its answers fails here too.</summary>
    public const int Repeats = 3;

    /// <summary>How long an unreachable test listener is retried (it may still be switching) before that is the failure.</summary>
    public static readonly TimeSpan ReachTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    /// <summary>What is checked, in order.</summary>
    public IReadOnlyList<SmokeRequest> Requests(string expectedGitRevision) =>
    [
        new SmokeRequest { Path = environment.HealthUrl.PathAndQuery, ExpectedStatus = 200 },
        new SmokeRequest { Path = "/version", ExpectedStatus = 200, BodyContains = expectedGitRevision },
        .. environment.Verification.SmokeChecks.Requests,
    ];

    /// <summary>Runs every check against the test listener; the failure in one line, or null.</summary>
    public async Task<string?> RunAsync(string expectedTaskDefinition, string expectedGitRevision, CancellationToken cancellationToken)
    {
        var listener = environment.SmokeCheckUrl ?? throw new InvalidOperationException($"{environment.Name} has no test listener to smoke-check");
        foreach (var request in Requests(expectedGitRevision))
        {
            for (var i = 0; i < Repeats; i++)
            {
                var failure = await CheckAsync(new Uri(listener, request.Path), request, expectedTaskDefinition, cancellationToken).ConfigureAwait(false);
                if (failure is not null)
                {
                    return $"GET {request.Path} on the test listener {listener.GetLeftPart(UriPartial.Authority)}: {failure}";
                }
            }
        }

        return null;
    }

    private async Task<string?> CheckAsync(Uri url, SmokeRequest request, string expectedTaskDefinition, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + ReachTimeout;
        while (true)
        {
            var (status, revision, body, error) = await GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                return Judge(request, status, revision, body, expectedTaskDefinition);
            }

            if (time.GetUtcNow() >= deadline)
            {
                return error;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string? Judge(SmokeRequest request, int status, string? revision, string body, string expectedTaskDefinition)
    {
        var expectedLabel = TaskDefinitionRegistered.Label(expectedTaskDefinition);
        if (!string.Equals(revision, expectedLabel, StringComparison.Ordinal))
        {
            return $"answered by {revision ?? "no revision (the load balancer itself)"} instead of the new revision {expectedLabel} (HTTP {status})";
        }

        if (status != request.ExpectedStatus)
        {
            return $"HTTP {status}, expected {request.ExpectedStatus}";
        }

        if (request.BodyContains is { } fragment && !Contains(request, body, fragment))
        {
            return request.Path == "/version"
                ? $"reports revision {VersionOf(body) ?? "(none)"}, expected {fragment}"
                : $"the body does not contain \"{fragment}\"";
        }

        return null;
    }

    private static bool Contains(SmokeRequest request, string body, string fragment) =>
        request.Path == "/version" ? string.Equals(VersionOf(body), fragment, StringComparison.Ordinal) : body.Contains(fragment, StringComparison.Ordinal);

    private static string? VersionOf(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["revision"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task<(int Status, string? Revision, string Body, string? Error)> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(RequestTimeout);
        try
        {
            using var response = await http.GetAsync(url, attempt.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(attempt.Token).ConfigureAwait(false);
            var revision = response.Headers.TryGetValues(RevisionHeader.Name, out var values) ? RevisionHeader.TaskDefinition(values.FirstOrDefault()) : null;
            return ((int)response.StatusCode, revision, body, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, null, string.Empty, $"no answer within {RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            return (0, null, string.Empty, "unreachable: " + ex.Message);
        }
    }
}
