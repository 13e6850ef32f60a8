namespace AutoPR.LocalEcs.Ssm;

/// <summary>One SSM parameter as the store keeps it (the value in plain text, in the state directory).</summary>
public sealed class SsmParameter
{
    public required string Name { get; set; }

    /// <summary>String, StringList or SecureString.</summary>
    public required string Type { get; set; }

    public required string Value { get; set; }

    public long Version { get; set; } = 1;

    public string? Description { get; set; }

    public string DataType { get; set; } = "text";

    public DateTimeOffset LastModifiedDate { get; set; }

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);
}
