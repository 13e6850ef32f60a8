namespace AutoPR.Deployment.Aws;

/// <summary>Whether an operation only reads, or changes something in the account (a dry run sends only reads).</summary>
public enum AwsAccess
{
    /// <summary>Reads state; changes nothing (Describe*, List*, Get*, BatchGetImage).</summary>
    Read,

    /// <summary>Creates, changes, tags or deletes something.</summary>
    Write,
}
