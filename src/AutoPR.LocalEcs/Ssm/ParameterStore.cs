using System.Text.Json;
using System.Text.Json.Nodes;
using AutoPR.LocalEcs.State;

namespace AutoPR.LocalEcs.Ssm;

/// <summary>
/// The local SSM Parameter Store, which the SSM API serves and task secrets resolve from: every parameter
/// in parameters.json in the state directory, written before a change is answered.
/// </summary>
public sealed class ParameterStore(StateFiles files)
{
    private readonly Lock _gate = new();

    /// <summary>The parameter a name or ARN (arn:aws:ssm:region:account:parameter/name) names, or null.</summary>
    public SsmParameter? Find(string nameOrArn)
    {
        lock (_gate)
        {
            var all = ReadAll();
            return ParameterNames.Candidates(nameOrArn).Select(all.GetValueOrDefault).FirstOrDefault(p => p is not null);
        }
    }

    /// <summary>Creates or overwrites a parameter through <paramref name="change"/>, which gets the current one (or null); returns what was stored.</summary>
    public SsmParameter Change(string name, Func<SsmParameter?, SsmParameter> change)
    {
        lock (_gate)
        {
            var all = ReadAll();
            var changed = change(all.GetValueOrDefault(name));
            all[name] = changed;
            Write(all);
            return changed;
        }
    }

    public bool Delete(string nameOrArn)
    {
        lock (_gate)
        {
            var all = ReadAll();
            var name = ParameterNames.Candidates(nameOrArn).FirstOrDefault(all.ContainsKey);
            if (name is null)
            {
                return false;
            }

            all.Remove(name);
            Write(all);
            return true;
        }
    }

    public IReadOnlyList<SsmParameter> All()
    {
        lock (_gate)
        {
            return [.. ReadAll().Values.OrderBy(p => p.Name, StringComparer.Ordinal)];
        }
    }

    private Dictionary<string, SsmParameter> ReadAll()
    {
        if (!File.Exists(files.Parameters))
        {
            return new Dictionary<string, SsmParameter>(StringComparer.Ordinal);
        }

        var all = new Dictionary<string, SsmParameter>(StringComparer.Ordinal);
        var root = JsonNode.Parse(File.ReadAllText(files.Parameters)) as JsonObject ?? [];
        foreach (var (name, node) in root)
        {
            // Before the SSM API, the file mapped a name to its value; such entries read as String parameters.
            all[name] = node is JsonValue legacy && legacy.TryGetValue(out string? value)
                ? new SsmParameter { Name = name, Type = "String", Value = value }
                : node.Deserialize<SsmParameter>(StateJson.Options) ?? throw new InvalidDataException($"{files.Parameters}: parameter {name} is not readable.");
        }

        return all;
    }

    private void Write(Dictionary<string, SsmParameter> all) =>
        AtomicFile.WriteAllText(files.Parameters, JsonSerializer.Serialize(all, StateJson.Options));
}
