namespace AutoPR.Deployment.Environments;

/// <summary>An environment file is missing or invalid: the message is one line naming the file, the JSON path and the fix.</summary>
public class EnvironmentConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EnvironmentConfigurationException()
    {
    }

    /// <summary>Creates the exception with its one-line message.</summary>
    public EnvironmentConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and the cause.</summary>
    public EnvironmentConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
