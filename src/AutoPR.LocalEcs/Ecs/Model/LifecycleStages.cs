namespace AutoPR.LocalEcs.Ecs.Model;

/// <summary>ECS's lifecycle stages of a traffic-shifting deployment, and the ones lifecycle hooks may name.</summary>
public static class LifecycleStages
{
    public const string ReconcileService = "RECONCILE_SERVICE";
    public const string PreScaleUp = "PRE_SCALE_UP";
    public const string ScaleUp = "SCALE_UP";
    public const string PostScaleUp = "POST_SCALE_UP";
    public const string TestTrafficShift = "TEST_TRAFFIC_SHIFT";
    public const string PostTestTrafficShift = "POST_TEST_TRAFFIC_SHIFT";
    public const string PreProductionTrafficShift = "PRE_PRODUCTION_TRAFFIC_SHIFT";
    public const string ProductionTrafficShift = "PRODUCTION_TRAFFIC_SHIFT";
    public const string PostProductionTrafficShift = "POST_PRODUCTION_TRAFFIC_SHIFT";
    public const string BakeTime = "BAKE_TIME";
    public const string CleanUp = "CLEAN_UP";

    /// <summary>ServiceDeploymentLifecycleStage, in the order a deployment passes them.</summary>
    public static IReadOnlyList<string> InOrder => Order;

    private static readonly string[] Order =
        [ReconcileService, PreScaleUp, ScaleUp, PostScaleUp, TestTrafficShift, PostTestTrafficShift, ProductionTrafficShift, PostProductionTrafficShift, BakeTime, CleanUp];

    /// <summary>Where the stage is in <see cref="InOrder"/>; -1 for a name that is no stage.</summary>
    public static int IndexOf(string stage) => Array.IndexOf(Order, stage);

    /// <summary>DeploymentLifecycleHookStage. PRE_PRODUCTION_TRAFFIC_SHIFT is no stage of its own: it runs before each production traffic step.</summary>
    public static IReadOnlySet<string> Hookable { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ReconcileService, PreScaleUp, PostScaleUp, TestTrafficShift, PostTestTrafficShift, PreProductionTrafficShift, ProductionTrafficShift, PostProductionTrafficShift,
    };

    /// <summary>ECS takes PAUSE hooks at every hookable stage but these two, which only AWS_LAMBDA hooks may name.</summary>
    public static IReadOnlySet<string> NotPausable { get; } = new HashSet<string>(StringComparer.Ordinal) { TestTrafficShift, ProductionTrafficShift };
}
