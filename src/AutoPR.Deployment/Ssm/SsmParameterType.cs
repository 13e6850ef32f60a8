using System.Diagnostics.CodeAnalysis;

namespace AutoPR.Deployment.Ssm;

/// <summary>The parameter types PutParameter writes (sent by name).</summary>
public enum SsmParameterType
{
    /// <summary>Plain text.</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "SSM's own name of the type, sent as is.")]
    String,

    /// <summary>Encrypted with KMS (the account's aws/ssm key).</summary>
    SecureString,
}
