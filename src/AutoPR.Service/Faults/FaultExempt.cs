namespace AutoPR.Service.Faults;

/// <summary>
/// Endpoint metadata: request faults (error rate, latency) never touch this endpoint. Health and version
/// stay truthful so a deployment sees a healthy-but-failing service, the case automated rollback must catch.
/// </summary>
internal sealed class FaultExempt
{
    public static readonly FaultExempt Instance = new();

    private FaultExempt()
    {
    }
}
