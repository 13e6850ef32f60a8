using AutoPR.LocalEcs.Api;
using AutoPR.LocalEcs.Faults;

namespace AutoPR.LocalEcs.Tests.Units;

public sealed class FaultRulesTests
{
    [Fact]
    public void Task_faults_become_the_AutoPR_Service_fault_variables_for_the_next_tasks_only()
    {
        var faults = new TaskFaults();
        faults.Add(new TaskFaultRule("c", "s", CrashOnStartSeconds: 0, Unhealthy: true, StartDelaySeconds: 2.5, ErrorRate: 0.25, LatencyMs: 150, RemainingTasks: 2));

        var first = faults.TakeForLaunch("c", "s");
        faults.TakeForLaunch("c", "s");
        var third = faults.TakeForLaunch("c", "s");

        Assert.Equal("0", first["AUTOPR_FAULT_CRASH_ON_START"]);
        Assert.Equal("true", first["AUTOPR_FAULT_UNHEALTHY"]);
        Assert.Equal("2.5", first["AUTOPR_FAULT_START_DELAY_SECONDS"]);
        Assert.Equal("0.25", first["AUTOPR_FAULT_ERROR_RATE"]);
        Assert.Equal("150", first["AUTOPR_FAULT_LATENCY_MS"]);
        Assert.Empty(third);
        Assert.Empty(faults.TakeForLaunch("c", "other"));
    }

    [Fact]
    public void Api_faults_match_service_and_operation_and_expire_after_their_calls()
    {
        var faults = new ApiFaults(new Random(1));
        faults.Add(new ApiFaultRule("ecs", "DescribeServices", ThrottleRate: 1, ErrorRate: 0, RemainingCalls: 1));
        faults.Add(new ApiFaultRule("ecr", null, ThrottleRate: 0, ErrorRate: 1, RemainingCalls: null));

        faults.Apply("ecs", "ListServices");
        var throttled = Assert.Throws<AwsServiceException>(() => faults.Apply("ecs", "DescribeServices"));
        faults.Apply("ecs", "DescribeServices");
        var failed = Assert.Throws<AwsServiceException>(() => faults.Apply("ecr", "DescribeImages"));

        Assert.Equal(("ThrottlingException", 400), (throttled.Code, (int)throttled.Status));
        Assert.Equal(500, (int)failed.Status);
    }
}
