using System.Collections;

namespace AutoPR.Build.Tests.Support;

/// <summary>Resolves a build's parameters from a command line, an environment and the .nuke files of a temp root.</summary>
internal sealed class ParameterHarness : IDisposable
{
    public TempDirectory Root { get; } = new("parameters");

    public Hashtable Environment { get; } = new();

    public SecretRedactor Redactor { get; } = new();

    /// <summary>Writes .nuke/<paramref name="fileName"/>.</summary>
    public void WriteFile(string fileName, string json) => Root.Write(Path.Combine(".nuke", fileName), json);

    public T Resolve<T>(params string[] args)
        where T : new()
    {
        var parameters = ParameterDescriptor.Discover(typeof(T));
        var invocation = CommandLineParser.Parse(args, parameters);
        var build = new T();
        new ParameterResolver(parameters, Root.Path).Apply(build, invocation.ParameterValues, Environment, invocation.Profiles, Redactor);
        return build;
    }

    public void Dispose() => Root.Dispose();
}
