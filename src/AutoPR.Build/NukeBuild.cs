using System.Linq.Expressions;

namespace AutoPR.Build;

/// <summary>
/// Base class of a build definition, NUKE-style: <c>class Build : NukeBuild { static int Main() => Execute&lt;Build&gt;(x => x.Compile); }</c>.
/// </summary>
public abstract class NukeBuild
{
    /// <summary>The repository root: --root, or the nearest directory above the working directory that holds .nuke/.</summary>
    public static AbsolutePath RootDirectory { get; internal set; } = AbsolutePath.Create(Directory.GetCurrentDirectory());

    /// <summary>Scratch space that is never committed.</summary>
    public static AbsolutePath TemporaryDirectory => RootDirectory / ".nuke" / "temp";

    /// <summary>True on a developer's machine, false under CI (the CI variable that every CI service sets).</summary>
    public static bool IsLocalBuild => Environment.GetEnvironmentVariable("CI") is null or "" or "false";

    public static bool IsRunningOnGitHubActions => Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true";

    /// <summary>Runs the build with the process's arguments; the default targets run when none is named.</summary>
    protected static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargets)
        where T : NukeBuild, new()
    {
        ArgumentNullException.ThrowIfNull(defaultTargets);
        var names = defaultTargets.Select(d => ((MemberExpression)d.Body).Member.Name).ToList();
        var args = Environment.GetCommandLineArgs().Skip(1).ToArray();
        return BuildHost.RunAsync(new T(), args, names, Environment.GetEnvironmentVariables(), Console.Out, Console.Error).GetAwaiter().GetResult();
    }
}
