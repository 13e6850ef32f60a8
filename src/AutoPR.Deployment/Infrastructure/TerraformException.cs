namespace AutoPR.Deployment.Infrastructure;

/// <summary>Terraform is missing, or a terraform command failed; the message is one line with what to do.</summary>
public sealed class TerraformException : Exception
{
    public TerraformException()
    {
    }

    public TerraformException(string message)
        : base(message)
    {
    }

    public TerraformException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failed command.</summary>
    public TerraformException(string message, bool stalePlan)
        : base(message)
    {
        StalePlan = stalePlan;
    }

    /// <summary>The saved plan no longer matches the configuration or the state (apply refused it; nothing applied).</summary>
    public bool StalePlan { get; }
}
