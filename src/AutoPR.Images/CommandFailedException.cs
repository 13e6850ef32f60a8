namespace AutoPR.Images;

/// <summary>A command that exited non-zero; the message carries its last output lines.</summary>
public sealed class CommandFailedException : Exception
{
    public CommandFailedException(string message) : base(message)
    {
    }

    public CommandFailedException()
    {
    }

    public CommandFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
