using Amazon.Runtime.CredentialManagement;

namespace AutoPR.Deployment.Aws;

/// <summary>
/// Picks the region: the environment file's aws.region, then AWS_REGION, then AWS_DEFAULT_REGION, then the
/// region of the active profile (AWS_PROFILE or "default") in the shared config files.
/// </summary>
public static class AwsRegionResolver
{
    /// <summary>Resolves the region or throws one clear line naming what was tried.</summary>
    /// <param name="configuredRegion">The environment file's region, if any.</param>
    /// <param name="getVariable">Reads an environment variable (tests pass a dictionary).</param>
    /// <param name="profileRegion">Looks up a profile's region; defaults to the shared config files.</param>
    public static string Resolve(string? configuredRegion, Func<string, string?> getVariable, Func<string, string?>? profileRegion = null)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        if (!string.IsNullOrWhiteSpace(configuredRegion))
        {
            return configuredRegion.Trim();
        }

        foreach (var name in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            var value = getVariable(name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        var profile = ProfileName(getVariable);
        var fromProfile = (profileRegion ?? RegionFromSharedProfile)(profile);
        if (!string.IsNullOrWhiteSpace(fromProfile))
        {
            return fromProfile.Trim();
        }

        throw new AwsConfigurationException(
            $"No AWS region: tried the environment file's aws.region, AWS_REGION, AWS_DEFAULT_REGION and the region of profile '{profile}'; set one of them (for example AWS_REGION=eu-west-1).");
    }

    /// <summary>The active profile name: AWS_PROFILE, else "default".</summary>
    public static string ProfileName(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var profile = getVariable("AWS_PROFILE");
        return string.IsNullOrWhiteSpace(profile) ? "default" : profile.Trim();
    }

    /// <summary>The region of a profile in ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE).</summary>
    public static string? RegionFromSharedProfile(string profileName)
    {
        var chain = new CredentialProfileStoreChain();
        return chain.TryGetProfile(profileName, out var profile) ? profile.Region?.SystemName : null;
    }
}
