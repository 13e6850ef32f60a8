namespace AutoPR.Deployment.Aws;

/// <summary>A write operation was about to be sent on a read-only (dry-run) connection; nothing was sent.</summary>
public sealed class ReadOnlyViolationException(AwsOperation operation)
    : InvalidOperationException($"{operation.IamAction} changes the account, and this connection is read-only (--dry-run); nothing was sent")
{
    /// <summary>The operation that was refused.</summary>
    public AwsOperation Operation { get; } = operation;
}
