using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AutoPR.Deployment.Verification;

/// <summary>One GET of the health URL and of /version beside it.</summary>
internal sealed class HealthProbe(HttpClient http, Uri healthUrl, TimeSpan timeout)
{
    public Uri HealthUrl { get; } = healthUrl;

    public Uri VersionUrl { get; } = new(healthUrl, "/version");

    /// <summary>The schema the last /version answer stated (schemaVersion, schemaCompatibleFrom), when it stated one.</summary>
    public Database.SchemaInfo? Schema { get; private set; }

    /// <summary>(healthy, what was seen).</summary>
    public async Task<(bool Healthy, string Observed)> HealthAsync(CancellationToken cancellationToken)
    {
        var (status, body, error) = await GetAsync(HealthUrl, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return (false, error);
        }

        return status == HttpStatusCode.OK ? (true, "200") : (false, $"HTTP {(int)status!} {Shorten(body)}");
    }

    /// <summary>(the revision /version reports or null, what was seen).</summary>
    public async Task<(string? Revision, string Observed)> VersionAsync(CancellationToken cancellationToken)
    {
        var (status, body, error) = await GetAsync(VersionUrl, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return (null, error);
        }

        if (status != HttpStatusCode.OK)
        {
            return (null, $"HTTP {(int)status!}");
        }

        try
        {
            var answer = JsonNode.Parse(body!);
            var revision = answer?["revision"]?.GetValue<string>();
            if (answer?["schemaVersion"]?.GetValue<int>() is { } schema)
            {
                Schema = new Database.SchemaInfo(schema, answer["schemaCompatibleFrom"]?.GetValue<int>() ?? 1);
            }
            return (revision, revision ?? "no \"revision\" in the answer");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, "not JSON: " + Shorten(body));
        }
    }

    private async Task<(HttpStatusCode? Status, string? Body, string? Error)> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(url, attempt.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(attempt.Token).ConfigureAwait(false);
            return (response.StatusCode, body, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return (null, null, "unreachable: " + ex.Message);
        }
    }

    private static string Shorten(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.Length <= 120 ? text.ReplaceLineEndings(" ") : text[..120].ReplaceLineEndings(" ") + "...";
}
