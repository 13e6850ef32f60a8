using System.Text.Json;
using AutoPR.LocalEcs.State;

namespace AutoPR.LocalEcs.Tasks;

/// <summary>
/// The local stand-in for SSM Parameter Store / Secrets Manager that task secrets resolve from:
/// a JSON object in the state directory mapping a parameter name or ARN to its value.
/// </summary>
public sealed class ParameterStore(StateFiles files)
{
    private readonly Lock _gate = new();

    public string? Find(string valueFrom)
    {
        var all = ReadAll();
        foreach (var key in Candidates(valueFrom))
        {
            if (all.TryGetValue(key, out var value))
            {
                return value;
            }
        }

        return null;
    }

    public void Set(string name, string value)
    {
        lock (_gate)
        {
            var all = ReadAll();
            all[name] = value;
            AtomicFile.WriteAllText(files.Parameters, JsonSerializer.Serialize(all, StateJson.Options));
        }
    }

    public IReadOnlyCollection<string> Names => ReadAll().Keys;

    private Dictionary<string, string> ReadAll()
    {
        lock (_gate)
        {
            return File.Exists(files.Parameters)
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(files.Parameters)) ?? []
                : [];
        }
    }

    /// <summary>An ARN also matches by its parameter or secret name, with or without the leading slash.</summary>
    private static IEnumerable<string> Candidates(string valueFrom)
    {
        yield return valueFrom;
        var marker = valueFrom.IndexOf(":parameter/", StringComparison.Ordinal);
        if (marker > 0)
        {
            var name = valueFrom[(marker + ":parameter/".Length)..];
            yield return name;
            yield return "/" + name;
        }

        marker = valueFrom.IndexOf(":secret:", StringComparison.Ordinal);
        if (marker > 0)
        {
            yield return valueFrom[(marker + ":secret:".Length)..];
        }

        if (valueFrom.StartsWith('/'))
        {
            yield return valueFrom[1..];
        }
    }
}
