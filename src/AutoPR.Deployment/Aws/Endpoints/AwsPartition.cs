using System.Text.RegularExpressions;

namespace AutoPR.Deployment.Aws.Endpoints;

/// <summary>An AWS partition: a group of regions that share a DNS suffix.</summary>
public sealed partial record AwsPartition(string Name, string DnsSuffix)
{
    /// <summary>The commercial partition.</summary>
    public static readonly AwsPartition Aws = new("aws", "amazonaws.com");

    /// <summary>The China partition.</summary>
    public static readonly AwsPartition AwsCn = new("aws-cn", "amazonaws.com.cn");

    /// <summary>The AWS GovCloud (US) partition.</summary>
    public static readonly AwsPartition AwsUsGov = new("aws-us-gov", "amazonaws.com");

    /// <summary>
    /// The partition a region belongs to, from the region name's prefix (the same patterns as the SDKs'
    /// partitions.json). Throws <see cref="AwsConfigurationException"/> for a malformed or unsupported region.
    /// </summary>
    public static AwsPartition ForRegion(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (UsGovRegion().IsMatch(region))
        {
            return AwsUsGov;
        }

        if (CnRegion().IsMatch(region))
        {
            return AwsCn;
        }

        if (CommercialRegion().IsMatch(region))
        {
            return Aws;
        }

        throw new AwsConfigurationException(
            $"Region '{region}' is not in a supported partition (aws, aws-cn, aws-us-gov): set a region such as eu-west-1, or an explicit endpoint (AWS_ENDPOINT_URL or the environment file's aws.endpoints).");
    }

    [GeneratedRegex(@"^us-gov-\w+-\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex UsGovRegion();

    [GeneratedRegex(@"^cn-\w+-\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex CnRegion();

    [GeneratedRegex(@"^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex CommercialRegion();
}
