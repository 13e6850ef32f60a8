namespace AutoPR.Service.Configuration;

/// <summary>An environment variable holds a value the service cannot use; the message says which and how to fix it.</summary>
public sealed class InvalidSettingException : Exception
{
    public InvalidSettingException()
    {
    }

    public InvalidSettingException(string message)
        : base(message)
    {
    }

    public InvalidSettingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
