namespace AutoPR.Deployment.Aws;

/// <summary>
/// AWS access is misconfigured (region, endpoint, retry settings, credentials): the message is one line that
/// says what is wrong and how to fix it, and never contains a secret.
/// </summary>
public class AwsConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsConfigurationException()
    {
    }

    /// <summary>Creates the exception with its one-line message.</summary>
    public AwsConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and the cause.</summary>
    public AwsConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
