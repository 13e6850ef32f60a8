namespace AutoPR.Deployment.Ssm;

/// <summary>
/// A parameter read with GetParameter. <see cref="Value"/> is the secret itself when the parameter is a decrypted
/// SecureString: <see cref="ToString"/> leaves it out, so that printing or logging the object never shows it.
/// </summary>
public sealed class SsmParameter(string name, string value, string type, long version, string? arn)
{
    /// <summary>Name ("/autopr/dev/database-url").</summary>
    public string Name { get; } = name;

    /// <summary>The value: plain text, or for a SecureString the decrypted value (with decryption) or the ciphertext (without).</summary>
    public string Value { get; } = value;

    /// <summary>String, StringList or SecureString.</summary>
    public string Type { get; } = type;

    /// <summary>Version (1 for a new parameter, one more on every overwrite).</summary>
    public long Version { get; } = version;

    /// <summary>ARN.</summary>
    public string? Arn { get; } = arn;

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Type}, version {Version})";
}
