namespace AutoPR.Service.Configuration;

/// <summary>What /version reports: the image build stamps these into the environment, and Verify checks them.</summary>
internal sealed record VersionInfo(string Service, string Version, string Revision, string ImageTag, string Environment)
{
    public const string ServiceName = "autopr";
    public const string VersionVariable = "AUTOPR_VERSION";
    public const string RevisionVariable = "AUTOPR_REVISION";
    public const string ImageTagVariable = "AUTOPR_IMAGE_TAG";
    public const string EnvironmentVariable = "ENVIRONMENT";

    /// <summary>Reported for a variable that is not set, so a missing stamp is visible rather than blank.</summary>
    public const string Unknown = "unknown";

    public static VersionInfo Read(SettingReader settings) => new(
        ServiceName,
        settings.GetString(VersionVariable) ?? Unknown,
        settings.GetString(RevisionVariable) ?? Unknown,
        settings.GetString(ImageTagVariable) ?? Unknown,
        settings.GetString(EnvironmentVariable) ?? Unknown);
}
