namespace AutoPR.Deployment.Aws.Endpoints;

/// <summary>
/// Everything besides the region that decides an endpoint: FIPS, the AWS_ENDPOINT_URL overrides, and the
/// endpoints an environment file names (those win over the variables).
/// </summary>
public sealed record AwsEndpointSettings
{
    /// <summary>No overrides, no FIPS: the standard regional endpoints.</summary>
    public static readonly AwsEndpointSettings Standard = new();

    /// <summary>Use FIPS endpoints (AWS_USE_FIPS_ENDPOINT=true).</summary>
    public bool UseFips { get; init; }

    /// <summary>AWS_ENDPOINT_URL: one endpoint for every service.</summary>
    public Uri? GlobalEndpoint { get; init; }

    /// <summary>AWS_ENDPOINT_URL_&lt;SERVICE&gt;, keyed by <see cref="AwsService.Id"/>.</summary>
    public IReadOnlyDictionary<string, Uri> ServiceEndpoints { get; init; } = new Dictionary<string, Uri>();

    /// <summary>The environment file's aws.endpoints, keyed by <see cref="AwsService.Id"/>; they win over everything.</summary>
    public IReadOnlyDictionary<string, Uri> ConfiguredEndpoints { get; init; } = new Dictionary<string, Uri>();

    /// <summary>
    /// Reads AWS_USE_FIPS_ENDPOINT, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_&lt;SERVICE&gt; (unless
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true) through <paramref name="getVariable"/>, so tests pass a dictionary.
    /// </summary>
    public static AwsEndpointSettings FromEnvironment(Func<string, string?> getVariable, IReadOnlyDictionary<string, Uri>? configuredEndpoints = null)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var useFips = ParseBool(getVariable, "AWS_USE_FIPS_ENDPOINT");
        var ignoreUrls = ParseBool(getVariable, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
        var services = new Dictionary<string, Uri>(StringComparer.Ordinal);
        Uri? global = null;
        if (!ignoreUrls)
        {
            global = ParseUrl(getVariable, "AWS_ENDPOINT_URL");
            foreach (var service in new[] { AwsService.Ecs, AwsService.Ecr, AwsService.CloudWatch, AwsService.Ssm, AwsService.Logs, AwsService.Rds, AwsService.S3 })
            {
                var url = ParseUrl(getVariable, "AWS_ENDPOINT_URL_" + service.EndpointVariableSuffix);
                if (url is not null)
                {
                    services[service.Id] = url;
                }
            }
        }

        return new AwsEndpointSettings
        {
            UseFips = useFips,
            GlobalEndpoint = global,
            ServiceEndpoints = services,
            ConfiguredEndpoints = configuredEndpoints ?? new Dictionary<string, Uri>(),
        };
    }

    private static bool ParseBool(Func<string, string?> getVariable, string name)
    {
        var value = getVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        return bool.TryParse(value.Trim(), out var parsed)
            ? parsed
            : throw new AwsConfigurationException($"{name}='{value}' is not a boolean: set it to true or false.");
    }

    private static Uri? ParseUrl(Func<string, string?> getVariable, string name)
    {
        var value = getVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return AwsEndpointResolver.ParseEndpoint(value.Trim(), name);
    }
}
