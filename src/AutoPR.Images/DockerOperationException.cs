namespace AutoPR.Images;

/// <summary>The engine or a registry refused an operation; the message carries the daemon's own words.</summary>
public sealed class DockerOperationException : Exception
{
    public DockerOperationException(string message) : base(message)
    {
    }

    public DockerOperationException()
    {
    }

    public DockerOperationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
