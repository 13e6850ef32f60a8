namespace AutoPR.Deployment.Tests.Fixtures;

/// <summary>Tests that change process environment variables run alone (xunit runs this collection after the parallel ones, one test at a time).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "process environment";

    /// <summary>Sets (or, with null, removes) variables until disposed, then restores them.</summary>
    public static IDisposable Set(IReadOnlyDictionary<string, string?> variables) => new Scope(variables);

    private sealed class Scope : IDisposable
    {
        private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

        public Scope(IReadOnlyDictionary<string, string?> variables)
        {
            foreach (var (name, value) in variables)
            {
                _previous[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
