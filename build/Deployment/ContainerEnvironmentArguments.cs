using System.Text.RegularExpressions;
using AutoPR.Deployment.Templates;

namespace AutoPR.BuildDefinition.Deployment;

/// <summary>Parses --container-env KEY=VALUE pairs into the release's extra container variables.</summary>
internal static partial class ContainerEnvironmentArguments
{
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> pairs)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            if (equals < 0 || !VariableName().IsMatch(name))
            {
                throw new ArgumentException($"--container-env '{pair}' is not KEY=VALUE with a variable name of letters, digits and underscores; for example --container-env AUTOPR_FAULT_LATENCY_MS=3000");
            }

            if (TemplateValues.ReservedVariables.Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException($"--container-env {name}: the deployment sets {name} itself; leave it out");
            }

            if (!variables.TryAdd(name, pair[(equals + 1)..]))
            {
                throw new ArgumentException($"--container-env {name} is given twice; pass each variable once");
            }
        }

        return variables;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
