namespace AutoPR.BuildDefinition.LocalStack;

/// <summary>
/// What answers at the local environment's LocalEcs endpoint: nothing, the LocalEcs of this checkout's state
/// directory, or another one (another checkout's, or one started by hand), with its state directory when it says.
/// </summary>
internal sealed record LocalEcsAtEndpoint(bool Answers, bool IsThisCheckouts, string? StateDirectory)
{
    public static readonly LocalEcsAtEndpoint Nothing = new(false, false, null);

    /// <summary>LocalUp's one-line refusal to use another checkout's LocalEcs as if it were its own.</summary>
    public string Refusal(Uri endpoint, string ownStateDirectory) =>
        $"LocalEcs at {endpoint} is not this checkout's: its state is {StateDirectory ?? "(not reported)"}, this checkout's is {ownStateDirectory}; nothing was changed. " +
        "Stop it where it was started (./build.sh LocalDown there), give this checkout's deploy/environments/local.json other ports, or --skip LocalUp to deploy to it anyway.";
}
