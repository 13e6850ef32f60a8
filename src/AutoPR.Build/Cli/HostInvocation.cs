namespace AutoPR.Build;

/// <summary>What the command line asked of the host, before anything is resolved against the build.</summary>
internal sealed record HostInvocation(
    IReadOnlyList<string> Targets,
    SkipRequest Skip,
    bool ShowPlan,
    bool ShowHelp,
    Verbosity Verbosity,
    string? Root,
    IReadOnlyList<string> Profiles,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ParameterValues);
