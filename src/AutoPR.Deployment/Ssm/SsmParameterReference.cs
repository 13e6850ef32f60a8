namespace AutoPR.Deployment.Ssm;

/// <summary>
/// An SSM parameter ARN taken apart: arn:PARTITION:ssm:REGION:ACCOUNT:parameter/NAME. A hierarchical name
/// ("/autopr/prod/DB") appears in the ARN without its leading slash, so it is put back.
/// </summary>
public sealed record SsmParameterReference(string Arn, string Partition, string Region, string AccountId, string Name)
{
    /// <summary>Parses an ARN, or returns null with the reason in <paramref name="error"/>.</summary>
    public static SsmParameterReference? TryParse(string arn, out string error)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "ssm" || parts[3].Length == 0 || parts[4].Length == 0)
        {
            error = $"'{arn}' is not an SSM parameter ARN (arn:aws:ssm:REGION:ACCOUNT:parameter/NAME)";
            return null;
        }

        const string prefix = "parameter/";
        if (!parts[5].StartsWith(prefix, StringComparison.Ordinal) || parts[5].Length == prefix.Length)
        {
            error = $"'{arn}' does not name a parameter (the resource must be parameter/NAME)";
            return null;
        }

        var rest = parts[5][prefix.Length..];
        var name = rest.Contains('/', StringComparison.Ordinal) ? "/" + rest : rest;
        error = string.Empty;
        return new SsmParameterReference(arn, parts[1], parts[3], parts[4], name);
    }
}
