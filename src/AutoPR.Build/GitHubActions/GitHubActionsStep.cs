namespace AutoPR.Build;

/// <summary>One step of a job: an action (<see cref="Uses"/> with <see cref="With"/>) or a shell command (<see cref="Run"/>).</summary>
public sealed record GitHubActionsStep
{
    public string? Name { get; init; }

    /// <summary>The step runs only when this expression is true ("inputs.action == 'rollback'").</summary>
    public string? If { get; init; }

    /// <summary>"owner/action@version".</summary>
    public string? Uses { get; init; }

    /// <summary>The action's inputs, in the order written.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> With { get; init; } = [];

    /// <summary>Environment variables of the step; the way to hand user input to a script without injecting it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>A bash script; several lines are written as a literal block.</summary>
    public string? Run { get; init; }

    /// <summary>The build targets the script runs, when it runs ./build.sh (the build checks they exist).</summary>
    public IReadOnlyList<string> InvokedTargets { get; init; } = [];

    public static GitHubActionsStep Checkout() => new() { Uses = "actions/checkout@v4" };

    /// <summary>Installs the .NET SDK that global.json names, which ./build.sh needs.</summary>
    public static GitHubActionsStep SetupDotNet() => new()
    {
        Uses = "actions/setup-dotnet@v4",
        With = [new("global-json-file", "global.json")],
    };

    /// <summary>Caches ~/.nuget/packages, keyed on every project file and the central package versions.</summary>
    public static GitHubActionsStep CacheNuGet() => new()
    {
        Name = "Cache NuGet packages",
        Uses = "actions/cache@v4",
        With =
        [
            new("path", "~/.nuget/packages"),
            new("key", "nuget-${{ runner.os }}-${{ hashFiles('**/*.csproj', '**/Directory.Packages.props') }}"),
            new("restore-keys", "nuget-${{ runner.os }}-"),
        ],
    };

    /// <summary>Uploads a folder as an artifact named after it, also after a failed step (that is when results matter most).</summary>
    public static GitHubActionsStep UploadArtifact(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var name = path.TrimEnd('/').Split('/')[^1];
        return new()
        {
            Name = $"Upload {name}",
            If = "!cancelled()",
            Uses = "actions/upload-artifact@v4",
            With = [new("name", name), new("path", path), new("if-no-files-found", "warn")],
        };
    }

    /// <summary>Runs <c>./build.sh &lt;targets&gt; &lt;arguments&gt;</c>.</summary>
    public static GitHubActionsStep RunBuild(IEnumerable<string> targets, string? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var names = targets.ToList();
        if (names.Count == 0)
        {
            throw new ArgumentException("A build step runs at least one target.", nameof(targets));
        }

        var command = string.Join(' ', ["./build.sh", .. names, .. string.IsNullOrWhiteSpace(arguments) ? Array.Empty<string>() : [arguments.Trim()]]);
        return new() { Run = command, InvokedTargets = names };
    }
}
