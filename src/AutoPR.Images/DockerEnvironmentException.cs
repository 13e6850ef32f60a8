namespace AutoPR.Images;

/// <summary>The machine lacks, or could not start, what Docker work needs; the message says what to do.</summary>
public sealed class DockerEnvironmentException : Exception
{
    public DockerEnvironmentException(string message) : base(message)
    {
    }

    public DockerEnvironmentException()
    {
    }

    public DockerEnvironmentException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
