namespace AutoPR.LocalEcs.Tasks;

/// <summary>A task could not start; the message is the ECS stoppedReason (e.g. CannotPullContainerError: ...).</summary>
public sealed class TaskLaunchException : Exception
{
    public TaskLaunchException()
    {
    }

    public TaskLaunchException(string message)
        : base(message)
    {
    }

    public TaskLaunchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
