namespace AutoPR.Images.Host;

/// <summary>PostgreSQL could not be found, installed, initialized or started; the message says what is missing.</summary>
public sealed class PostgresUnavailableException : Exception
{
    public PostgresUnavailableException()
    {
    }

    public PostgresUnavailableException(string message)
        : base(message)
    {
    }

    public PostgresUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
