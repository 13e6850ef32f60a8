namespace AutoPR.LocalEcs.Ssm;

/// <summary>SSM parameter names and ARNs: /a/b is arn:aws:ssm:region:account:parameter/a/b, and plain b is .../parameter/b.</summary>
public static class ParameterNames
{
    private const string Marker = ":parameter/";

    public static string Arn(string region, string accountId, string name) =>
        $"arn:aws:ssm:{region}:{accountId}:parameter{(name.StartsWith('/') ? name : "/" + name)}";

    /// <summary>The stored names a name or ARN may mean: an ARN's name with and without its leading slash.</summary>
    public static IEnumerable<string> Candidates(string nameOrArn)
    {
        var marker = nameOrArn.StartsWith("arn:", StringComparison.Ordinal) ? nameOrArn.IndexOf(Marker, StringComparison.Ordinal) : -1;
        if (marker < 0)
        {
            yield return nameOrArn;
            yield break;
        }

        var name = nameOrArn[(marker + Marker.Length)..];
        yield return "/" + name;
        yield return name;
    }

    /// <summary>The name a request means, for messages: an ARN's parameter name (hierarchical names keep their slash).</summary>
    public static string Display(string nameOrArn) => Candidates(nameOrArn).First();
}
