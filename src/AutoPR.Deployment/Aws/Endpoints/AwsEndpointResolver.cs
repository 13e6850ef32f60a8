namespace AutoPR.Deployment.Aws.Endpoints;

/// <summary>
/// Pure endpoint resolution: environment file endpoint, then AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then
/// AWS_ENDPOINT_URL, then the standard regional (or FIPS) host of the region's partition.
/// </summary>
public static class AwsEndpointResolver
{
    /// <summary>The endpoint to send <paramref name="service"/> requests to in <paramref name="region"/>.</summary>
    public static Uri Resolve(AwsService service, string region, AwsEndpointSettings settings)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ConfiguredEndpoints.TryGetValue(service.Id, out var configured))
        {
            return configured;
        }

        if (settings.ServiceEndpoints.TryGetValue(service.Id, out var perService))
        {
            return perService;
        }

        if (settings.GlobalEndpoint is not null)
        {
            return settings.GlobalEndpoint;
        }

        return new Uri("https://" + StandardHost(service, region, settings.UseFips) + "/");
    }

    /// <summary>The standard host name of a service in a region, FIPS or not (as the SDKs' endpoint rules give it).</summary>
    public static string StandardHost(AwsService service, string region, bool useFips)
    {
        ArgumentNullException.ThrowIfNull(service);
        var partition = AwsPartition.ForRegion(region);
        if (!useFips)
        {
            return $"{service.EndpointPrefix}.{region}.{partition.DnsSuffix}";
        }

        // GovCloud's CloudWatch, SSM, Logs and RDS endpoints are FIPS-validated already: the rules map FIPS to the same host.
        if (partition == AwsPartition.AwsUsGov && (service == AwsService.CloudWatch || service == AwsService.Ssm || service == AwsService.Logs || service == AwsService.Rds))
        {
            return $"{service.EndpointPrefix}.{region}.{partition.DnsSuffix}";
        }

        // ECR's FIPS host drops the "api." prefix in the aws and aws-us-gov partitions only.
        if (service == AwsService.Ecr && partition != AwsPartition.AwsCn)
        {
            return $"ecr-fips.{region}.{partition.DnsSuffix}";
        }

        return $"{service.EndpointPrefix}-fips.{region}.{partition.DnsSuffix}";
    }

    /// <summary>The ECR registry host of an account ("123456789012.dkr.ecr.eu-west-1.amazonaws.com").</summary>
    public static string EcrRegistryHost(string accountId, string region, bool useFips)
    {
        var partition = AwsPartition.ForRegion(region);
        var ecr = useFips ? "ecr-fips" : "ecr";
        return $"{accountId}.dkr.{ecr}.{region}.{partition.DnsSuffix}";
    }

    /// <summary>Parses an endpoint URL; <paramref name="source"/> names where it came from in the error.</summary>
    public static Uri ParseEndpoint(string value, string source)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new AwsConfigurationException($"{source}='{value}' is not an absolute http(s) URL: use a value such as https://ecs.eu-west-1.amazonaws.com or http://127.0.0.1:4566.");
        }

        return uri;
    }
}
