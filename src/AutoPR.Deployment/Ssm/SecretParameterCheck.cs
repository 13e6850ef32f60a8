namespace AutoPR.Deployment.Ssm;

/// <summary>What a check found about one secret's parameter.</summary>
public enum SecretParameterStatus
{
    /// <summary>The parameter exists and the deploying identity may read it.</summary>
    Readable,

    /// <summary>No such parameter.</summary>
    Missing,

    /// <summary>The parameter exists (or may exist) but reading it is denied.</summary>
    NotReadable,

    /// <summary>The reference is not an SSM parameter ARN.</summary>
    InvalidReference,
}

/// <summary>The result for one secret: never its value, only whether it can be resolved when a task starts.</summary>
/// <param name="SecretName">The environment variable name the secret is injected as.</param>
/// <param name="ParameterArn">The parameter it references.</param>
/// <param name="Status">What was found.</param>
/// <param name="ParameterType">String, StringList or SecureString, when known.</param>
/// <param name="Detail">One line for the user (what is wrong and how to fix it, or "ok").</param>
public sealed record SecretParameterCheck(string SecretName, string ParameterArn, SecretParameterStatus Status, string? ParameterType, string Detail)
{
    /// <summary>Whether the secret will resolve.</summary>
    public bool IsOk => Status == SecretParameterStatus.Readable;
}
